import type { BffErrorCode, UpstreamErrorDetail } from '@portico/api-types';

let counter = 0;
export const nextRequestId = () => `req-${(counter += 1).toString().padStart(4, '0')}`;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** A `bffErrorSchema` body, as the BFF answers every failure. */
export function bffError(
  status: number,
  code: BffErrorCode,
  message: string,
  extra: { upstream?: UpstreamErrorDetail; field?: string; current?: unknown } = {},
  headers: Record<string, string> = {},
): Response {
  const request_id = nextRequestId();
  return json(status, { error: { code, message, ...extra }, request_id }, { 'x-request-id': request_id, ...headers });
}

/**
 * A file answer streamed in chunks. `cutAfter` errors the stream after that many chunks (a
 * connection cut mid-stream); `hold` keeps it open after them until the signal aborts.
 */
export function fileResponse(
  chunks: Uint8Array[],
  opts: { filename: string; contentLength?: number; cutAfter?: number; hold?: boolean; signal?: AbortSignal | null },
): Response {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      opts.signal?.addEventListener('abort', () => controller.error(new DOMException('Aborted', 'AbortError')));
    },
    async pull(controller) {
      if (opts.cutAfter !== undefined && sent >= opts.cutAfter) {
        controller.error(new TypeError('terminated'));
        return;
      }
      const chunk = chunks[sent];
      if (chunk === undefined) {
        if (opts.hold) return new Promise<void>(() => undefined);
        controller.close();
        return;
      }
      sent += 1;
      controller.enqueue(chunk);
    },
  });
  const total = opts.contentLength ?? chunks.reduce((n, c) => n + c.byteLength, 0);
  return new Response(stream, {
    status: 200,
    headers: {
      'content-type': 'application/octet-stream',
      'content-disposition': opts.filename,
      'content-length': String(total),
      'x-request-id': nextRequestId(),
    },
  });
}
