import type { IncomingMessage } from 'node:http';
import { UpstreamError, type UpstreamService } from './upstream-error';

/**
 * The most a JSON answer may hold. The largest the specs allow (a 1 000-item list page) is far
 * below; anything bigger is a broken answer, refused (502) before it is held in memory.
 */
export const maxJsonAnswerBytes = 4 * 1024 * 1024;

const contract = (res: IncomingMessage, service: UpstreamService, code: string, message: string) => {
  // Stop reading (and free the socket): nothing more from this answer is wanted.
  res.destroy();
  return new UpstreamError('contract', res.statusCode ?? 200, service, code, message);
};

/**
 * Reads a 2xx JSON answer: a JSON content type (when one is given), at most
 * `maxJsonAnswerBytes`, and parseable; else an `UpstreamError` of kind `contract`.
 */
export async function readJsonAnswer(res: IncomingMessage, service: UpstreamService, limit = maxJsonAnswerBytes): Promise<unknown> {
  const type = res.headers['content-type'];
  if (type !== undefined && !/json/i.test(type)) {
    throw contract(res, service, 'wrong_content_type', `reply is ${type.slice(0, 60)}, not JSON`);
  }
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    throw contract(res, service, 'too_large', `reply of ${declared} bytes exceeds ${limit}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res) {
      size += (chunk as Buffer).length;
      if (size > limit) throw contract(res, service, 'too_large', `reply exceeds ${limit} bytes`);
      chunks.push(chunk as Buffer);
    }
  } catch (e) {
    if (e instanceof UpstreamError) throw e;
    throw new UpstreamError('unreachable', 502, service, 'network', 'connection lost mid-reply');
  }
  if (size === 0) throw contract(res, service, 'empty', 'reply has no body');
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw contract(res, service, 'invalid_json', 'reply is not JSON');
  }
}

/**
 * Content types that are never the export's file: an HTML page (a gateway's login or error page
 * sent with 200) for both; for Insight, whose file is a ZIP, any text or JSON (an error body).
 * SecMaster's workflow file has no documented format, so only HTML is refused there.
 */
export const notAFile = {
  insight: /^\s*(text\/|application\/(xhtml\+xml|json|problem\+json)\b)/i,
  secmaster: /^\s*(text\/html|application\/xhtml\+xml)\b/i,
} as const;

/**
 * Checks a 2xx file answer before its first byte is relayed: its content type must not match
 * `refuse` (see `notAFile`) and it must hold at least one byte; else an `UpstreamError` of kind
 * `contract`. Resolves with the same stream, nothing read from it.
 */
export async function expectFileAnswer(
  res: IncomingMessage,
  service: UpstreamService,
  refuse: RegExp,
  signal?: AbortSignal,
): Promise<IncomingMessage> {
  const type = res.headers['content-type'];
  if (type !== undefined && refuse.test(type)) {
    throw contract(res, service, 'wrong_content_type', `file reply is ${type.slice(0, 60)}`);
  }
  if (res.headers['content-length'] === '0') throw contract(res, service, 'empty', 'file reply has no body');
  // Wait for the first bytes or the end without consuming anything: a 'readable' event with
  // nothing buffered is the end of the stream.
  const empty = await new Promise<boolean>((resolve, reject) => {
    const off = () => {
      res.off('readable', onReadable);
      res.off('end', onEnd);
      res.off('error', onError);
      res.off('close', onError);
      signal?.removeEventListener('abort', onAbort);
    };
    // The browser gone before the first byte: nobody will read this answer, so free its socket.
    const onAbort = () => {
      off();
      res.destroy();
      reject(new UpstreamError('aborted', 499, service, 'aborted', 'request cancelled'));
    };
    // An empty body already at its end answers with 'end' instead.
    const onEnd = () => {
      off();
      resolve(true);
    };
    const onReadable = () => {
      off();
      resolve(res.readableLength === 0);
    };
    const onError = () => {
      off();
      reject(new UpstreamError('unreachable', 502, service, 'network', 'connection lost before the file'));
    };
    if (signal?.aborted) return onAbort();
    res.on('readable', onReadable);
    res.once('end', onEnd);
    res.once('error', onError);
    res.once('close', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  if (empty) throw contract(res, service, 'empty', 'file reply has no body');
  return res;
}
