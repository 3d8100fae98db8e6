import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSettleQueue, type SettleLogger } from './settle-queue';

class Down extends Error {}

const naming = { write: 'activity settle', lost: 'its entry stays pending' };

/** A store whose writes fail (retryably) while `down`; `attempts` counts every write tried. */
function fakeStore() {
  const store = {
    down: false,
    broken: false,
    attempts: 0,
    at: [] as number[],
    rows: new Map<string, string>(),
    async write(key: string, value: string) {
      store.attempts++;
      store.at.push(Date.now());
      if (store.broken) throw new Error('syntax error');
      if (store.down) throw new Down('database unavailable');
      store.rows.set(key, value);
    },
  };
  return store;
}

function logger() {
  const lines: { level: string; msg: string }[] = [];
  const log: SettleLogger = {
    warn: (_o, msg) => lines.push({ level: 'warn', msg }),
    error: (_o, msg) => lines.push({ level: 'error', msg }),
  };
  return { log, lines };
}

function queueOn(store: ReturnType<typeof fakeStore>, extra: { maxItems?: number; logger?: SettleLogger } = {}) {
  return createSettleQueue<string>({
    write: (k, v) => store.write(k, v),
    merge: (older, newer) => `${older}>${newer}`,
    retryable: (e) => e instanceof Down,
    describe: naming,
    minDelayMs: 10,
    maxDelayMs: 40,
    ...extra,
  });
}

describe('settle queue', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes at once while the database answers', async () => {
    const store = fakeStore();
    const q = queueOn(store);
    expect(await q.settle('a', 'success')).toBe('written');
    expect(store.rows.get('a')).toBe('success');
    expect(q.size).toBe(0);
  });

  it('keeps a write the database cannot take and retries it with backoff until it answers', async () => {
    const store = fakeStore();
    const { log, lines } = logger();
    const q = queueOn(store, { logger: log });
    store.down = true;
    expect(await q.settle('a', 'success')).toBe('queued');
    expect(q.size).toBe(1);
    expect([q.has('a'), q.has('b')]).toEqual([true, false]);
    await vi.advanceTimersByTimeAsync(10 + 20 + 40 + 40);
    // The first try, then retries 10, 20, 40 and 40 ms apart (doubling, capped at maxDelayMs).
    expect(store.at).toEqual([0, 10, 30, 70, 110]);
    expect(store.rows.size).toBe(0);
    store.down = false;
    await vi.advanceTimersByTimeAsync(40);
    expect(store.rows.get('a')).toBe('success');
    expect(q.size).toBe(0);
    expect(q.has('a')).toBe(false);
    // Nothing more is tried once it is written.
    const attempts = store.attempts;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(store.attempts).toBe(attempts);
    expect(lines.some((l) => l.level === 'warn')).toBe(true);
  });

  it('merges a later write into the one still queued for its key, so the older never lands last', async () => {
    const store = fakeStore();
    const q = queueOn(store);
    store.down = true;
    expect(await q.settle('a', 'success')).toBe('queued');
    // Even with the database back, a write for a queued key joins the queue instead of overtaking it.
    store.down = false;
    expect(await q.settle('a', 'failure')).toBe('queued');
    expect(store.rows.size).toBe(0);
    await vi.advanceTimersByTimeAsync(10);
    expect(store.rows.get('a')).toBe('success>failure');
  });

  it('a write merged in while a retry is in flight is written after it', async () => {
    const store = fakeStore();
    let release: () => void = () => undefined;
    const q = createSettleQueue<string>({
      async write(k, v) {
        if (v === 'success' && store.attempts++ > 0) await new Promise<void>((r) => (release = r));
        else if (v === 'success') throw new Down('down');
        store.rows.set(k, v);
      },
      merge: (older, newer) => `${older}>${newer}`,
      retryable: (e) => e instanceof Down,
      describe: naming,
      minDelayMs: 10,
    });
    expect(await q.settle('a', 'success')).toBe('queued');
    await vi.advanceTimersByTimeAsync(10); // the retry starts and hangs
    expect(await q.settle('a', 'failure')).toBe('queued');
    release();
    await vi.advanceTimersByTimeAsync(10);
    expect(store.rows.get('a')).toBe('success>failure');
    expect(q.size).toBe(0);
  });

  it('is bounded: past maxItems a write is dropped and logged, its entry left pending', async () => {
    const store = fakeStore();
    const { log, lines } = logger();
    const q = queueOn(store, { maxItems: 2, logger: log });
    store.down = true;
    expect(await q.settle('a', 'success')).toBe('queued');
    expect(await q.settle('b', 'success')).toBe('queued');
    expect(await q.settle('c', 'success')).toBe('dropped');
    expect(q.size).toBe(2);
    expect(lines).toContainEqual({ level: 'error', msg: expect.stringContaining('full') });
    store.down = false;
    await vi.advanceTimersByTimeAsync(10);
    expect([...store.rows.keys()]).toEqual(['a', 'b']);
  });

  it('passes on a failure that waiting will not cure', async () => {
    const store = fakeStore();
    const q = queueOn(store);
    store.broken = true;
    await expect(q.settle('a', 'success')).rejects.toThrow('syntax error');
    expect(q.size).toBe(0);
  });

  it('on shutdown tries every kept write once more, and retries no further', async () => {
    const store = fakeStore();
    const q = queueOn(store);
    store.down = true;
    await q.settle('a', 'success');
    await q.settle('b', 'failure');
    store.down = false;
    // Before the first retry is due.
    expect(await q.flush()).toBe(0);
    expect(Object.fromEntries(store.rows)).toEqual({ a: 'success', b: 'failure' });
    expect(q.size).toBe(0);
  });

  it('on shutdown waits for writes still in flight, and counts one the database did not take', async () => {
    /** A queue whose every write is answered when the test says, the database then away or not. */
    function answeredByTest() {
      const rows = new Map<string, string>();
      let answer!: (down: boolean) => void;
      const queue = createSettleQueue<string>({
        write: async (k, v) => {
          if (await new Promise<boolean>((r) => (answer = r))) throw new Down('database unavailable');
          rows.set(k, v);
        },
        merge: (_older, newer) => newer,
        retryable: (e) => e instanceof Down,
        describe: naming,
      });
      return { queue, rows, answer: (down: boolean) => answer(down) };
    }

    const q = answeredByTest();
    const landed = q.queue.settle('a', 'failure');
    let flushed: number | undefined;
    const flushing = q.queue.flush().then((n) => (flushed = n));
    await vi.advanceTimersByTimeAsync(0);
    expect(flushed).toBeUndefined();
    q.answer(false);
    expect(await landed).toBe('written');
    await flushing;
    expect(flushed).toBe(0);
    expect(q.rows.get('a')).toBe('failure');

    // In flight when the database went: kept, tried once more by the flush, and counted.
    const q2 = answeredByTest();
    const kept = q2.queue.settle('b', 'failure');
    const flushing2 = q2.queue.flush();
    await vi.advanceTimersByTimeAsync(0);
    q2.answer(true);
    expect(await kept).toBe('queued');
    await vi.advanceTimersByTimeAsync(0);
    q2.answer(true);
    expect(await flushing2).toBe(1);
  });

  it('on shutdown with the database still away, gives up after one try and says how many are left', async () => {
    const store = fakeStore();
    const { log, lines } = logger();
    const q = queueOn(store, { logger: log });
    store.down = true;
    await q.settle('a', 'success');
    await q.settle('b', 'success');
    await q.settle('c', 'success');
    const before = store.attempts;
    expect(await q.flush()).toBe(3);
    // One try, not one connection timeout per kept write.
    expect(store.attempts).toBe(before + 1);
    expect(lines.filter((l) => l.msg.includes('shutdown'))).toHaveLength(3);
    store.down = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(store.attempts).toBe(before + 1);
    expect(q.size).toBe(0);
    // After shutdown nothing is queued any more.
    store.down = true;
    expect(await q.settle('d', 'success')).toBe('dropped');
  });
});
