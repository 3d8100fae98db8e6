import type { Response } from 'express';

/**
 * Streams a generated file to the response with backpressure (the source is only pulled when
 * the socket drained), honouring the `cutStreamAfterBytes` fault: after that many body bytes
 * the socket is destroyed, so the client sees an aborted transfer as when a gateway drops it.
 */
export async function streamFile(
  res: Response,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  cutAfterBytes: number | null,
): Promise<void> {
  let sent = 0;
  for await (const chunk of chunks) {
    if (res.destroyed) return;
    if (cutAfterBytes !== null && sent + chunk.length >= cutAfterBytes) {
      const piece = chunk.subarray(0, Math.max(0, cutAfterBytes - sent));
      res.write(piece, () => res.socket?.destroy());
      return;
    }
    sent += chunk.length;
    if (!res.write(chunk)) await drainOrClose(res);
  }
  if (!res.destroyed) res.end();
}

/**
 * Waits for 'drain' (or 'close', when the client went away), removing both listeners after.
 * Plain listeners: an AbortController per wait built an AbortError each time, a measurable
 * share of a large download's CPU.
 */
function drainOrClose(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

const paddingBlockBytes = 64 * 1024;

/**
 * `totalBytes` of filler generated block by block while streaming (for the `largeFileBytes`
 * fault), never held whole in memory. `fill` 0x20 keeps JSON documents valid.
 */
export function* paddingChunks(totalBytes: number, fill = 0x20): Generator<Uint8Array> {
  const block = new Uint8Array(paddingBlockBytes).fill(fill);
  let missing = Math.max(0, Math.floor(totalBytes));
  while (missing > 0) {
    const piece = missing >= block.length ? block : block.subarray(0, missing);
    missing -= piece.length;
    yield piece;
  }
}
