import type { UpstreamAnswer } from '../upstream/upstream-answer';

/**
 * What an upstream call came to: the answer's status (its body read and dropped), or what it
 * was rejected with. Lets a test compare outcomes without a try/catch around each call.
 */
export function upstreamOutcome(sent: Promise<UpstreamAnswer>): Promise<unknown> {
  return sent.then(
    (res) => {
      res.resume();
      return res.statusCode;
    },
    (e: unknown) => e,
  );
}
