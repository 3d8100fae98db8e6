import { abortReason, type Clock } from '../clock';

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

const macrotask = () => new Promise<void>((r) => setImmediate(r));

/**
 * Virtual time. `run(work)` settles every pending promise, then jumps to the next timer, until
 * `work` settles: a sweep of thousands of 20 ms reads takes milliseconds of real time, and
 * every timestamp is deterministic.
 */
export class FakeClock implements Clock {
  #now = 0;
  #seq = 0;
  #timers: Timer[] = [];

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const timer: Timer = {
        at: this.#now + Math.max(0, ms),
        seq: this.#seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.#timers = this.#timers.filter((t) => t !== timer);
        reject(abortReason(signal as AbortSignal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#timers.push(timer);
    });
  }

  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    work.then(
      () => (settled = true),
      () => (settled = true),
    );
    let idleSince: number | undefined;
    for (;;) {
      await macrotask();
      if (settled) return work;
      if (this.#timers.length === 0) {
        // Real I/O (a database write) may be pending: give it real time, but not forever.
        idleSince ??= Date.now();
        if (Date.now() - idleSince > 5_000) throw new Error('FakeClock: work waits on no timer');
        await new Promise((r) => setTimeout(r, 1));
        continue;
      }
      idleSince = undefined;
      this.#timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.#timers.shift() as Timer;
      this.#now = Math.max(this.#now, next.at);
      next.resolve();
    }
  }
}
