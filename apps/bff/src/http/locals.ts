import type { ServerSession } from '../features/session/session-store';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      requestId: string;
      /** Set by `loadSession`; `requireSession` guarantees it downstream. */
      session?: ServerSession;
      /** Why the cookie's session is gone, when it named one that has ended. */
      sessionEnded?: 'expired' | 'idle' | 'missing';
    }
  }
}

export {};
