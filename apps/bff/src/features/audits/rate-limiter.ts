import type { Clock } from './clock';

export interface RateLimiterOptions {
  /** Requests per second; `Infinity` disables the cap. */
  ratePerSecond: number;
  /** How many may start at once after a quiet spell (default 1: evenly spaced). */
  burst?: number;
  clock: Clock;
}

/**
 * A token bucket in its GCRA form: each `take` reserves the next free slot, so in any window of
 * W ms at most `burst + W * rate / 1000` requests start. `pause` (after a 429 with Retry-After)
 * holds every caller until then and restarts the schedule without a burst.
 */
export class RateLimiter {
  readonly #interval: number;
  readonly #tolerance: number;
  readonly #clock: Clock;
  #theoreticalArrival = Number.NEGATIVE_INFINITY;
  #pausedUntil = Number.NEGATIVE_INFINITY;

  constructor(options: RateLimiterOptions) {
    if (!(options.ratePerSecond > 0)) throw new RangeError('ratePerSecond must be positive');
    const burst = Math.max(1, Math.floor(options.burst ?? 1));
    this.#interval = Number.isFinite(options.ratePerSecond) ? 1000 / options.ratePerSecond : 0;
    this.#tolerance = (burst - 1) * this.#interval;
    this.#clock = options.clock;
  }

  async take(signal?: AbortSignal): Promise<void> {
    if (this.#interval === 0 && this.#pausedUntil <= this.#clock.now()) return;
    for (;;) {
      const now = this.#clock.now();
      if (this.#pausedUntil > now) {
        await this.#clock.sleep(this.#pausedUntil - now, signal);
        continue;
      }
      const startAt = Math.max(now, this.#theoreticalArrival - this.#tolerance);
      this.#theoreticalArrival = Math.max(this.#theoreticalArrival, startAt) + this.#interval;
      if (startAt > now) await this.#clock.sleep(startAt - now, signal);
      // A pause that began while this caller waited wins: queue again behind it.
      if (this.#pausedUntil > this.#clock.now()) continue;
      return;
    }
  }

  pause(until: number): void {
    if (until <= this.#pausedUntil) return;
    this.#pausedUntil = until;
    this.#theoreticalArrival = Math.max(this.#theoreticalArrival, until + this.#tolerance);
  }
}
