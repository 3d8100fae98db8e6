import type { Response } from 'express';
import type { CancelSignal } from '../upstream/cancel-signal';

/**
 * Aborted when the browser goes away before the answer is complete (its response closes
 * unfinished). Listeners are called once, in the order added; one added after the abort is not
 * called (check `aborted` first, as `AbortSignal`'s users do).
 */
class BrowserGoneSignal implements CancelSignal {
  aborted = false;
  private listeners: (() => void)[] | undefined;

  constructor(res: Response) {
    res.once('close', () => {
      if (res.writableFinished) return;
      this.aborted = true;
      const listeners = this.listeners;
      this.listeners = undefined;
      for (const listener of listeners ?? []) {
        // As EventTarget does: the others still run, the error surfaces as uncaught.
        try {
          listener();
        } catch (e) {
          queueMicrotask(() => {
            throw e;
          });
        }
      }
    });
  }

  addEventListener(_type: 'abort', listener: () => void): void {
    if (this.aborted) return;
    (this.listeners ??= []).push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const at = this.listeners?.indexOf(listener) ?? -1;
    if (at >= 0) this.listeners!.splice(at, 1);
  }
}

/** A cancellation for the upstream calls of a browser request: see `BrowserGoneSignal`. */
export function abortOnClose(res: Response): CancelSignal {
  return new BrowserGoneSignal(res);
}
