import type { IncomingMessage } from 'node:http';

/**
 * Reads the rest of an upload unparsed, then `answer`s: as a gateway that takes the whole request
 * before the service answers. A refusal answered while the uploader was still writing, on a
 * `Connection: close` upload (the BFF's), had Node's server close the connection under it, and
 * the uploader could meet EPIPE instead of the answer.
 */
export function afterUpload(req: IncomingMessage, answer: () => void): void {
  if (req.readableEnded) return answer();
  req.once('end', answer);
  req.resume();
}
