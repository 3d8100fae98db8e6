import type { UpstreamAnswer } from './upstream-answer';
import { UpstreamError, type UpstreamService } from './upstream-error';
import type { CancelSignal } from './cancel-signal';

/**
 * The most a JSON answer may hold. The largest the specs allow (a 1 000-item list page) is far
 * below; anything bigger is a broken answer, refused (502) before it is held in memory.
 */
export const maxJsonAnswerBytes = 4 * 1024 * 1024;

const contract = (res: UpstreamAnswer, service: UpstreamService, code: string, message: string) => {
  // Stop reading (and free the socket): nothing more from this answer is wanted.
  res.destroy();
  return new UpstreamError('contract', res.statusCode, service, code, message);
};

export interface ReadJsonOptions {
  /** The most the body may hold; `maxJsonAnswerBytes` unless told. */
  limit?: number;
  /**
   * The longest silence allowed between the body's bytes (and before the first): the upstream
   * timeout the request was sent with. Required: a forgotten bound would silently be another.
   */
  idleMs: number;
}

/** An answer whose body stalls: the same 504 as an answer whose headers never come. */
const stalled = (res: UpstreamAnswer, service: UpstreamService, idleMs: number, what: string) => {
  res.destroy();
  return new UpstreamError('timeout', 504, service, 'timeout', `no ${what} within ${idleMs} ms`);
};

/**
 * Reads a 2xx JSON answer: a JSON content type (when one is given), at most `limit` bytes,
 * parseable, and no silence longer than `idleMs` between its bytes; else an `UpstreamError` of
 * kind `contract` (or `timeout`, a 504, for a stalled body; `unreachable` for a lost connection).
 *
 * Read with plain listeners, not `for await` (no promise per chunk, no iterator to tear down):
 * the saving pays for the idle timer, which is refreshed, not re-created, on each chunk.
 */
export async function readJsonAnswer(
  res: UpstreamAnswer,
  service: UpstreamService,
  { limit = maxJsonAnswerBytes, idleMs }: ReadJsonOptions,
): Promise<unknown> {
  const type = res.headers['content-type'];
  if (type !== undefined && !/json/i.test(type)) {
    throw contract(res, service, 'wrong_content_type', `reply is ${type.slice(0, 60)}, not JSON`);
  }
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    throw contract(res, service, 'too_large', `reply of ${declared} bytes exceeds ${limit}`);
  }
  const body = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Every way out goes through `off` first: the listeners and the timer go before the answer is
    // destroyed, so its own 'close' cannot turn a refusal into 'connection lost'.
    const off = () => {
      clearTimeout(timer);
      res.off('data', onData);
      res.off('end', onEnd);
      res.off('error', onLost);
      res.off('close', onLost);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        off();
        reject(contract(res, service, 'too_large', `reply exceeds ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
      timer.refresh();
    };
    const onEnd = () => {
      off();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    // An error or a close before 'end': the connection went mid-reply.
    const onLost = () => {
      off();
      res.destroy();
      reject(new UpstreamError('unreachable', 502, service, 'network', 'connection lost mid-reply'));
    };
    const onIdle = () => {
      off();
      reject(stalled(res, service, idleMs, 'reply data'));
    };
    const timer = setTimeout(onIdle, idleMs);
    if (res.destroyed) return onLost();
    res.on('data', onData);
    res.once('end', onEnd);
    res.once('error', onLost);
    res.once('close', onLost);
  });
  if (body.length === 0) throw contract(res, service, 'empty', 'reply has no body');
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
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
 * `contract`. Resolves with the same stream, nothing read from it. No first byte within `idleMs`
 * (the request's upstream timeout) is a 504, as for headers that never come.
 */
export async function expectFileAnswer(
  res: UpstreamAnswer,
  service: UpstreamService,
  refuse: RegExp,
  idleMs: number,
  signal?: CancelSignal,
): Promise<UpstreamAnswer> {
  const type = res.headers['content-type'];
  if (type !== undefined && refuse.test(type)) {
    throw contract(res, service, 'wrong_content_type', `file reply is ${type.slice(0, 60)}`);
  }
  if (res.headers['content-length'] === '0') throw contract(res, service, 'empty', 'file reply has no body');
  // Wait for the first bytes or the end without consuming anything: a 'readable' event with
  // nothing buffered is the end of the stream.
  const empty = await new Promise<boolean>((resolve, reject) => {
    const off = () => {
      clearTimeout(timer);
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
    // Headers and then silence: nothing will come, so free the socket and say so.
    const onIdle = () => {
      off();
      reject(stalled(res, service, idleMs, 'file data'));
    };
    const timer = setTimeout(onIdle, idleMs);
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
