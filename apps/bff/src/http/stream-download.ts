import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import { attachment, fileNameFrom, sanitiseFileName } from './content-disposition';

/**
 * Pipes an upstream file to the browser as it arrives. Only `Content-Type`,
 * `Content-Disposition` (sanitised) and `Content-Length` are relayed: no cookie or token
 * header can cross. A failure mid-stream destroys the browser's response (so a truncated file
 * never looks complete) and rejects; a browser that goes away aborts the upstream read.
 */
export async function streamDownload(upstream: IncomingMessage, res: Response, fallbackName: string): Promise<void> {
  res.status(200);
  res.setHeader('content-type', upstream.headers['content-type'] ?? 'application/octet-stream');
  res.setHeader('content-disposition', attachment(sanitiseFileName(fileNameFrom(upstream.headers['content-disposition']), fallbackName)));
  const length = upstream.headers['content-length'];
  if (length && /^\d+$/.test(length)) res.setHeader('content-length', length);
  res.setHeader('cache-control', 'no-store');
  try {
    await pipeline(upstream, res);
  } catch (e) {
    res.destroy();
    upstream.destroy();
    throw e;
  }
}
