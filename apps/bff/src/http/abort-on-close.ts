import type { Response } from 'express';

/** A signal that aborts when the browser goes away before the answer is complete. */
export function abortOnClose(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}
