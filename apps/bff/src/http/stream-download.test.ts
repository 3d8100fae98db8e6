import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import express from 'express';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listen } from '../testing/listen';
import { countHandles, settleHandles, type HandleCount } from '../testing/open-handles';
import { pendingTimers, startRawUpstream, type RawUpstream } from '../testing/raw-upstream';
import { sendUpstream } from '../upstream/upstream-request';
import { DownloadStalledError, streamDownload } from './stream-download';

/**
 * The relay's read-driven idle timer, between a real upstream (node:http) and a real browser
 * socket: an upstream silent mid-file is cut after `idleMs` (the browser sees an aborted
 * download, `streamDownload` rejects); a browser that stops reading for far longer than `idleMs`
 * still gets every byte, because the timer runs only while the relay waits for upstream bytes.
 */
const idleMs = 200;
const boundMs = idleMs + 1_300;
const kib = 1024;
const mib = 1024 * kib;

interface Outcome {
  error?: unknown;
  /** When `streamDownload` settled (ms since epoch). */
  at: number;
  /** Pending timers at that moment: a timer left armed would be counted. */
  timers: number;
}

let up: RawUpstream;
let relay: Awaited<ReturnType<typeof listen>>;
let outcome: Promise<Outcome>;
let settle: (o: Outcome) => void;
/** The relay's upstream stream, for what happened to it (pauses, destruction). */
let relayed: { longestPauseMs: number; destroyed: () => boolean };
let baseline: HandleCount;

beforeAll(async () => {
  up = await startRawUpstream();
  const app = express();
  app.get('/download', async (_req, res) => {
    const upstream = await sendUpstream({
      service: 'insight',
      base: up.url,
      method: 'GET',
      path: '/file',
      headers: {},
      timeoutMs: 2_000,
    });
    relayed = watchPauses(upstream);
    streamDownload(upstream, res, 'file.bin', { idleMs }).then(
      () => settle({ at: Date.now(), timers: pendingTimers() }),
      (error: unknown) => settle({ error, at: Date.now(), timers: pendingTimers() }),
    );
  });
  relay = await listen(app);
});
afterAll(async () => {
  await relay.close();
  await up.close();
});
beforeEach(async () => {
  outcome = new Promise((r) => (settle = r));
  baseline = await settleHandles(countHandles(), [up.server, relay.server]);
});
afterEach(async () => {
  const after = await settleHandles(baseline, [up.server, relay.server]);
  expect(after.sockets).toBeLessThanOrEqual(baseline.sockets);
  expect(after.fds).toBeLessThanOrEqual(baseline.fds);
});

function watchPauses(upstream: Readable) {
  let pausedAt: number | undefined;
  const seen = { longestPauseMs: 0, destroyed: () => upstream.destroyed };
  upstream.on('pause', () => (pausedAt = Date.now()));
  upstream.on('resume', () => {
    if (pausedAt !== undefined) seen.longestPauseMs = Math.max(seen.longestPauseMs, Date.now() - pausedAt);
    pausedAt = undefined;
  });
  return seen;
}

interface Browsed {
  status: number;
  bytes: number;
  /** The response ended cleanly (`end` with `complete`). */
  complete: boolean;
  error?: string;
  /** When its last byte arrived (ms since epoch). */
  lastByteAt: number;
}

/**
 * A browser downloading from the relay; `pauseMs` stops its reading after the first chunk for
 * that long (the relay's writes back up to the upstream); `hangUpAfterFirstChunk` goes away.
 */
function browse(opts: { pauseMs?: number; hangUpAfterFirstChunk?: boolean } = {}): Promise<Browsed> {
  return new Promise((resolve) => {
    const req = http.get(`${relay.url}/download`, { agent: false }, (res) => {
      let bytes = 0;
      let lastByteAt = 0;
      let first = true;
      let done = false;
      const finish = (complete: boolean, error?: string) => {
        if (done) return;
        done = true;
        resolve({ status: res.statusCode ?? 0, bytes, complete, lastByteAt, ...(error ? { error } : {}) });
      };
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        lastByteAt = Date.now();
        if (!first) return;
        first = false;
        if (opts.hangUpAfterFirstChunk) {
          req.destroy();
          finish(false, 'hung up');
        } else if (opts.pauseMs) {
          res.pause();
          setTimeout(() => res.resume(), opts.pauseMs);
        }
      });
      res.on('end', () => finish(res.complete));
      res.on('aborted', () => finish(false, 'aborted'));
      res.on('error', (e: NodeJS.ErrnoException) => finish(false, e.code ?? e.message));
      res.on('close', () => finish(res.complete && res.readableEnded));
    });
    req.on('error', (e: NodeJS.ErrnoException) =>
      resolve({ status: 0, bytes: 0, complete: false, error: e.code ?? e.message, lastByteAt: 0 }),
    );
  });
}

const chunk = Buffer.alloc(64 * kib, 0x5a);

/** Sends `total` bytes as fast as the connection takes them; notes the longest wait for 'drain'. */
function fastFile(total: number, framing: 'content-length' | 'chunked', seen = { longestDrainMs: 0 }) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      ...(framing === 'content-length' ? { 'content-length': String(total) } : {}),
    });
    let left = total;
    const pump = () => {
      while (left > 0) {
        const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= part.length;
        if (left === 0) return void res.end(part);
        if (!res.write(part)) {
          const waiting = Date.now();
          res.once('drain', () => {
            seen.longestDrainMs = Math.max(seen.longestDrainMs, Date.now() - waiting);
            pump();
          });
          return;
        }
      }
    };
    res.on('close', () => (left = 0));
    pump();
  };
}

describe('an upstream silent mid-file', () => {
  for (const framing of ['chunked', 'content-length'] as const) {
    it(`(${framing}) is cut after the idle timeout: streamDownload rejects and the browser sees an aborted, incomplete download`, async () => {
      let upstreamClosed!: Promise<void>;
      up.answer((_req, res) => {
        upstreamClosed = new Promise((r) => res.once('close', () => r()));
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          ...(framing === 'content-length' ? { 'content-length': String(mib) } : {}),
        });
        res.write(chunk); // then nothing, the connection left open
      });
      const before = pendingTimers();
      const got = await browse();
      const settled = await outcome;

      expect(got.status).toBe(200);
      expect(got.complete).toBe(false);
      expect(got.error).toBeDefined();
      expect(got.bytes).toBe(chunk.length);
      expect(settled.error).toBeInstanceOf(DownloadStalledError);
      expect(settled.error).toMatchObject({ code: 'ETIMEDOUT', idleMs });
      // Cut one idle period after the last byte, not before, not much later.
      expect(settled.at - got.lastByteAt).toBeGreaterThanOrEqual(idleMs - 20);
      expect(settled.at - got.lastByteAt).toBeLessThan(boundMs);
      expect(settled.timers).toBeLessThanOrEqual(before);
      expect(relayed.destroyed()).toBe(true);
      await upstreamClosed; // the BFF let go of the upstream connection
    });
  }

  it('a file that trickles for longer than the bound, never silent for it, arrives whole', async () => {
    const parts = 6;
    up.answer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      let sent = 0;
      const next = () => {
        sent++;
        if (sent === parts) return void res.end(chunk);
        res.write(chunk);
        setTimeout(next, idleMs / 2);
      };
      next();
    });
    const started = Date.now();
    const got = await browse();
    const settled = await outcome;
    expect(settled.error).toBeUndefined();
    expect(got).toMatchObject({ status: 200, complete: true, bytes: parts * chunk.length });
    expect(Date.now() - started).toBeGreaterThan(idleMs * 2);
  });
});

describe('a browser that reads slowly', () => {
  it('stops reading for 3× the idle timeout, then resumes: it gets every byte and streamDownload resolves', async () => {
    const total = 32 * mib;
    const pauseMs = idleMs * 3;
    const upstreamSide = { longestDrainMs: 0 };
    up.answer(fastFile(total, 'content-length', upstreamSide));
    const before = pendingTimers();
    const got = await browse({ pauseMs });
    const settled = await outcome;

    expect(settled.error).toBeUndefined();
    expect(got).toMatchObject({ status: 200, complete: true, bytes: total });
    expect(settled.timers).toBeLessThanOrEqual(before);
    // The test proves something only if the slow browser really held the upstream back for
    // longer than the idle timeout: the relay paused its upstream, and the upstream waited.
    expect(relayed.longestPauseMs).toBeGreaterThan(idleMs);
    expect(upstreamSide.longestDrainMs).toBeGreaterThan(idleMs);
  });

  it('a chunked file the same way', async () => {
    const total = 32 * mib;
    up.answer(fastFile(total, 'chunked'));
    const got = await browse({ pauseMs: idleMs * 3 });
    const settled = await outcome;
    expect(settled.error).toBeUndefined();
    expect(got).toMatchObject({ status: 200, complete: true, bytes: total });
    expect(relayed.longestPauseMs).toBeGreaterThan(idleMs);
  });
});

describe('a browser that goes away mid-file', () => {
  it('rejects, clears the timer and lets go of the upstream connection', async () => {
    let upstreamClosed!: Promise<void>;
    up.answer((_req, res) => {
      upstreamClosed = new Promise((r) => res.once('close', () => r()));
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.write(chunk);
      // More would come, slowly: the relay is waiting (its timer armed) when the browser leaves.
      const more = setInterval(() => res.write(chunk), idleMs / 4);
      res.once('close', () => clearInterval(more));
    });
    const before = pendingTimers();
    const got = await browse({ hangUpAfterFirstChunk: true });
    expect(got.complete).toBe(false);
    const settled = await outcome;
    expect(settled.error).toBeDefined();
    expect(settled.error).not.toBeInstanceOf(DownloadStalledError);
    await upstreamClosed;
    // The upstream's interval went with its connection; no timer of the relay's is left.
    expect(pendingTimers()).toBeLessThanOrEqual(before);
    expect(relayed.destroyed()).toBe(true);
  });
});
