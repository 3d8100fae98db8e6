import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';

/**
 * An upstream's answer once its headers have come: the status, the headers (names in lower
 * case, as Node's `IncomingMessage` has them), and the body as a stream read from the connection
 * only as fast as it is consumed: the request is paused while the stream's buffer is full and
 * resumed when it is read. Destroying the answer before its end aborts the request, which closes
 * the connection: the rest of the body is never read.
 */
export class UpstreamAnswer extends Readable {
  /** The whole body has arrived (its end is pushed, perhaps not yet read). */
  private complete = false;

  constructor(
    private readonly controller: Dispatcher.DispatchController,
    readonly statusCode: number,
    readonly headers: IncomingHttpHeaders,
  ) {
    super({ highWaterMark: 64 * 1024 });
  }

  /** A chunk of the body; pauses the request when the buffer is full. */
  receive(chunk: Buffer): void {
    if (!this.push(chunk)) this.controller.pause();
  }

  /** The body's end. */
  end(): void {
    this.complete = true;
    this.push(null);
  }

  override _read(): void {
    this.controller.resume();
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    if (!this.complete) this.controller.abort(err ?? new Error('the answer was dropped before its end'));
    cb(err);
  }
}
