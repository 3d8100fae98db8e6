import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { bufferedStdout, createLogger, logBuffer, requestLog } from './logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  return { lines, destination: { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) } };
}

describe('logger', () => {
  it('redact credentials wherever they sit in a line', () => {
    const { lines, destination } = capture();
    const logger = createLogger('info', destination);
    logger.info(
      { token: 'T1', upstream: { headers: { 'x-auth-token': 'T2', cookie: 'c=1' } }, body: { password: 'P' } },
      'x',
    );
    const line = JSON.stringify(lines[0]);
    for (const secret of ['T1', 'T2', 'c=1', '"P"']) expect(line).not.toContain(secret);
    expect(line).toContain('[redacted]');
  });

  it('write one line per request with its id, method, path, status and duration, never its query or headers', async () => {
    const { lines, destination } = capture();
    const app = express();
    app.use((_req, res, next) => {
      res.locals.requestId = 'req-1';
      next();
    });
    app.use(requestLog(createLogger('info', destination)));
    app.get('/things', (_req, res) => void res.status(418).end());
    await request(app).get('/things?token=SECRET').set('cookie', 'portico_session=S3CR3T');
    await new Promise((r) => setImmediate(r));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: 'request',
      request_id: 'req-1',
      method: 'GET',
      path: '/things',
      status: 418,
      aborted: false,
    });
    expect(typeof lines[0]!.ms).toBe('number');
    const line = JSON.stringify(lines[0]);
    expect(line).not.toContain('SECRET');
    expect(line).not.toContain('S3CR3T');
  });

  it("logs the request's whole path when a router mounted under a prefix answered it", async () => {
    const { lines, destination } = capture();
    const app = express();
    app.use(requestLog(createLogger('info', destination)));
    const insight = express.Router();
    insight.get('/permissions', (_req, res) => void res.status(204).end());
    const api = express.Router();
    api.use('/insight', insight);
    app.use('/api', api);
    await request(app).get('/api/insight/permissions?resource_id=d-1');
    await new Promise((r) => setImmediate(r));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ method: 'GET', path: '/api/insight/permissions', status: 204 });
  });
});

describe('log output', () => {
  const opened: { dir: string; stream: ReturnType<typeof bufferedStdout> }[] = [];
  afterEach(async () => {
    for (const { dir, stream } of opened.splice(0)) {
      // Ending the stream writes what it holds and closes the file.
      await new Promise((r) => {
        stream.once('close', r);
        stream.end();
      });
      rmSync(dir, { recursive: true, force: true });
    }
  });
  /** A file standing in for standard output, its buffered stream, its writes and the lines written so far. */
  function output(flushEveryMs: number) {
    const dir = mkdtempSync(join(tmpdir(), 'portico-log-'));
    const file = join(dir, 'out.log');
    const stream = bufferedStdout(openSync(file, 'a'), flushEveryMs);
    opened.push({ dir, stream });
    /** The bytes of each write, in order, as each one lands. */
    const writes: number[] = [];
    stream.on('write', (n: number) => writes.push(n));
    return {
      stream,
      writes,
      bytes: () => readFileSync(file).length,
      lines: () =>
        readFileSync(file, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { msg: string; n?: number }),
    };
  }
  const settle = () => new Promise((r) => setTimeout(r, 100));
  /** Writes land on the thread pool's time: wait up to 5 s for them. */
  const writesLand = { timeout: 5000 };

  it('holds request lines, and writes them with a warning, in order, as soon as one is logged', async () => {
    const out = output(60_000);
    const logger = createLogger('info', out.stream);
    for (let n = 0; n < 3; n++) logger.info({ n }, 'request');
    await settle();
    expect(out.lines()).toEqual([]);
    logger.warn('upstream slow');
    await expect.poll(() => out.lines().length, writesLand).toBe(4);
    expect(out.lines().map((l) => l.msg)).toEqual(['request', 'request', 'request', 'upstream slow']);
  });

  it('writes a warning logged while a write is in flight as soon as that write is done', async () => {
    const out = output(60_000);
    const logger = createLogger('info', out.stream);
    // One line longer than the buffer is written at once: its write is on the thread pool
    // while the next two lines are logged, and they are less than the buffer holds.
    logger.info({ n: 0, path: '/'.padEnd(logBuffer.bytes + 1, 'x') }, 'request');
    logger.info({ n: 1 }, 'request');
    logger.warn({ n: 2 }, 'upstream slow');
    await expect.poll(() => out.lines().length, writesLand).toBe(3);
    expect(out.lines().map((l) => l.msg)).toEqual(['request', 'request', 'upstream slow']);
  });

  it('writes what it holds within its period when requests are few', async () => {
    const out = output(50);
    const logger = createLogger('info', out.stream);
    logger.info('request');
    await expect.poll(() => out.lines().length, writesLand).toBe(1);
    expect(out.lines()).toMatchObject([{ msg: 'request' }]);
  });

  it('makes no write while nothing is logged, and still writes a line held when a tick met a write in flight', async () => {
    const out = output(10);
    const { writes } = out;
    const logger = createLogger('info', out.stream);
    logger.info({ n: 0 }, 'request');
    await expect.poll(() => out.lines().length, writesLand).toBe(1);
    await settle();
    const afterLine = writes.length;
    // Idle: ten periods, no write (each would wake a thread-pool thread).
    await settle();
    expect(writes.length).toBe(afterLine);
    // A line larger than the buffer is written at once; the next is held while that write is in
    // flight, and the tick that meets it leaves it to that write's end, not to the next line.
    logger.info({ n: 1, path: '/'.padEnd(256 * 1024, 'x') }, 'request');
    logger.info({ n: 2 }, 'request');
    await expect.poll(() => out.lines().length, writesLand).toBe(3);
    expect(out.lines().map((l) => l.n)).toEqual([0, 1, 2]);
  });

  it('makes no empty write: not after a write that a flush asked for, nor at a tick whose lines the full buffer wrote', async () => {
    const out = output(10);
    const { writes } = out;
    const logger = createLogger('info', out.stream);
    // Written by a tick, then by a warning's flush, then by the buffer's filling up (a line
    // longer than it) before the next tick: each is one write of what was held, and nothing after.
    logger.info({ n: 0 }, 'request');
    await expect.poll(() => out.lines().length, writesLand).toBe(1);
    logger.warn({ n: 1 }, 'upstream slow');
    await expect.poll(() => out.lines().length, writesLand).toBe(2);
    logger.info({ n: 2, path: '/'.padEnd(logBuffer.bytes + 1, 'x') }, 'request');
    await expect.poll(() => out.lines().length, writesLand).toBe(3);
    await settle();
    expect(out.lines().map((l) => l.n)).toEqual([0, 1, 2]);
    expect(writes.filter((n) => n === 0)).toEqual([]);
    expect(writes).toHaveLength(3);
  });

  it('writes a burst once the buffer is full, without waiting for the period', async () => {
    const out = output(60_000);
    const logger = createLogger('info', out.stream);
    const path = '/api/insight/permissions'.padEnd(100, 'x');
    // One and a half buffers' worth: the write that the buffer's filling starts leaves less than
    // a buffer held, which waits for the period however late the write lands.
    let lineBytes = 0;
    createLogger('info', { write: (line: string) => (lineBytes = Buffer.byteLength(line)) }).info(
      { n: 10, path },
      'request',
    );
    const logged = Math.floor((1.5 * logBuffer.bytes) / lineBytes);
    for (let n = 0; n < logged; n++) logger.info({ n, path }, 'request');
    await expect.poll(() => out.lines().length, writesLand).toBeGreaterThan(0);
    await settle();
    // The lines up to the one that filled the buffer, in order; the rest wait for the next.
    const written = out.lines().map((l) => l.n);
    expect(written).toEqual([...Array(written.length).keys()]);
    expect(out.bytes()).toBeGreaterThanOrEqual(logBuffer.bytes);
    expect(written.length).toBeLessThan(logged);
  });

  it.each([
    ['process.exit', 'process.exit(3)', 3],
    ['an uncaught error', "throw new Error('boom')", 1],
  ])('writes what it holds when the process ends by %s', (_how, end, code) => {
    const script = `import { createLogger } from './src/http/logger.ts';
      const logger = createLogger('info');
      for (let n = 0; n < 3; n++) logger.info({ n }, 'request');
      setTimeout(() => { ${end}; }, 20);`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
    });
    expect(r.status).toBe(code);
    const lines = r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { n: number });
    expect(lines.map((l) => l.n)).toEqual([0, 1, 2]);
  });

  it('ended before the exit, writes the last lines whole and after a write still in flight', () => {
    // The first line, larger than a pipe holds, is still being written on the thread pool when
    // the last two are logged; written at once by the exit's own flush, they would be spliced
    // into it.
    const script = `import { bufferedStdout, createLogger, endLog } from './src/http/logger.ts';
      const out = bufferedStdout();
      const logger = createLogger('info', out);
      logger.info({ n: 0, path: '/'.padEnd(1024 * 1024, 'x') }, 'request');
      logger.warn({ n: 1 }, 'writes lost at shutdown');
      logger.info({ n: 2 }, 'stopped');
      await endLog(out);
      process.exit(0);`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
      maxBuffer: 8 * 1024 * 1024,
    });
    expect(r.status).toBe(0);
    const lines = r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { n: number; msg: string });
    expect(lines.map((l) => [l.n, l.msg])).toEqual([
      [0, 'request'],
      [1, 'writes lost at shutdown'],
      [2, 'stopped'],
    ]);
  });
});
