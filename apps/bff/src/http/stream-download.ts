import type { UpstreamAnswer } from '../upstream/upstream-answer';
import type { Readable } from 'node:stream';
import type { Response } from 'express';
import { attachment, fileNameFrom, sanitiseFileName } from './content-disposition';
import { relayByTurns } from './relay-by-turns';

export interface StreamDownloadOptions {
  /**
   * The longest the relay waits for the upstream's next bytes mid-file: the upstream timeout
   * (`UPSTREAM_TIMEOUT_MS`). Time the upstream spends paused because the browser reads slowly
   * never counts.
   */
  idleMs: number;
}

/** The upstream went silent mid-file for longer than the idle timeout. */
export class DownloadStalledError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(readonly idleMs: number) {
    super(`the upstream sent nothing for ${idleMs} ms mid-file`);
    this.name = 'DownloadStalledError';
  }
}

/**
 * Relays an upstream file to the browser as it arrives (`relayByTurns`). Only `Content-Type`,
 * `Content-Disposition` (sanitised) and `Content-Length` are relayed: no cookie or token
 * header can cross. A failure mid-stream, or an upstream silent for `idleMs` while the relay
 * waits for its bytes, destroys the browser's response (so a truncated file never looks
 * complete) and rejects; a browser that goes away aborts the upstream read. A browser that
 * reads slowly gets the whole file, however long it takes.
 */
export async function streamDownload(
  upstream: UpstreamAnswer,
  res: Response,
  fallbackName: string,
  { idleMs }: StreamDownloadOptions,
): Promise<void> {
  res.status(200);
  res.setHeader('content-type', upstream.headers['content-type'] ?? 'application/octet-stream');
  res.setHeader(
    'content-disposition',
    attachment(sanitiseFileName(fileNameFrom(upstream.headers['content-disposition']), fallbackName)),
  );
  const length = upstream.headers['content-length'];
  if (length && /^\d+$/.test(length)) res.setHeader('content-length', length);
  res.setHeader('cache-control', 'no-store');
  const unwatch = watchReads(upstream, idleMs);
  try {
    await relayByTurns(upstream, res);
  } catch (e) {
    res.destroy();
    upstream.destroy();
    throw e;
  } finally {
    unwatch();
  }
}

/**
 * A read-driven idle timer: it runs only while `upstream` flows, that is while the relay waits
 * for its bytes, and is refreshed by each chunk. The relay pauses the upstream when the browser's
 * side is full ('pause') and resumes it on 'drain' ('resume'): the timer stops and starts with
 * it, so backpressure from a slow browser never counts as upstream silence. (A socket timeout
 * would: with the upstream paused, its socket is silent too.) On expiry the upstream is destroyed
 * with a `DownloadStalledError`, which fails the relay. Answers the function that stops it.
 */
function watchReads(upstream: Readable, idleMs: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  const disarm = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  // On 'data' too: the upstream may be paused by the time a chunk's listeners run, so only a
  // stream still flowing gets a timer.
  const arm = () => {
    if (upstream.readableFlowing !== true) return disarm();
    if (timer) timer.refresh();
    else timer = setTimeout(onIdle, idleMs);
  };
  const stop = () => {
    disarm();
    upstream.off('resume', arm);
    upstream.off('data', arm);
    upstream.off('pause', disarm);
    upstream.off('end', stop);
    upstream.off('close', stop);
  };
  const onIdle = () => {
    stop();
    upstream.destroy(new DownloadStalledError(idleMs));
  };
  upstream.on('resume', arm);
  upstream.on('data', arm);
  upstream.on('pause', disarm);
  upstream.once('end', stop);
  upstream.once('close', stop);
  arm();
  return stop;
}
