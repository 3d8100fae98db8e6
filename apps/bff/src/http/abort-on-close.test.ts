import http from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { listen } from '../testing/listen';
import type { CancelSignal } from '../upstream/cancel-signal';
import { abortOnClose } from './abort-on-close';

/**
 * `abortOnClose` against a real socket: a browser that leaves mid-answer aborts the request's
 * cancellation, once, for the listeners still attached; a finished answer never does.
 */
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

interface Seen {
  signal: CancelSignal;
  calls: string[];
  finished: Promise<void>;
}

/** An app whose `/wait` answers only when told (`release`), `/now` at once; what each signal saw. */
async function start() {
  const seen: Seen[] = [];
  let release = () => {};
  const app = express();
  const watch = (res: express.Response): Seen => {
    const signal = abortOnClose(res);
    const calls: string[] = [];
    const removed = () => calls.push('removed');
    signal.addEventListener('abort', () => calls.push(`first (aborted ${signal.aborted})`), { once: true });
    signal.addEventListener('abort', removed, { once: true });
    signal.addEventListener('abort', () => calls.push('second'), { once: true });
    signal.removeEventListener('abort', removed);
    const finished = new Promise<void>((r) => res.once('close', () => setImmediate(r)));
    const s = { signal, calls, finished };
    seen.push(s);
    return s;
  };
  app.get('/wait', (_req, res) => {
    watch(res);
    release = () => res.json({ late: true });
  });
  app.get('/now', (_req, res) => {
    watch(res);
    res.json({ now: true });
  });
  const server = await listen(app);
  close = server.close;
  return { url: server.url, seen, release: () => release() };
}

describe('abortOnClose', () => {
  it('aborts once, for the listeners still attached, when the browser leaves before the answer', async () => {
    const { url, seen } = await start();
    const req = http.get(`${url}/wait`);
    req.on('error', () => {});
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]!.signal.aborted).toBe(false);
    req.destroy();
    await seen[0]!.finished;
    expect(seen[0]!.signal.aborted).toBe(true);
    expect(seen[0]!.calls).toEqual(['first (aborted true)', 'second']);
    // Added after the abort: never called (its owner checks `aborted` first).
    seen[0]!.signal.addEventListener('abort', () => seen[0]!.calls.push('late'));
    expect(seen[0]!.calls).toEqual(['first (aborted true)', 'second']);
  });

  it('never aborts for an answer that was sent whole', async () => {
    const { url, seen, release } = await start();
    expect(await (await fetch(`${url}/now`)).json()).toEqual({ now: true });
    const late = fetch(`${url}/wait`);
    await expect.poll(() => seen.length).toBe(2);
    release();
    expect(await (await late).json()).toEqual({ late: true });
    await Promise.all(seen.map((s) => s.finished));
    for (const s of seen) {
      expect(s.signal.aborted).toBe(false);
      expect(s.calls).toEqual([]);
    }
  });
});
