import http from 'node:http';
import { strToU8, zipSync } from 'fflate';
import { expect } from 'vitest';
import { assetManifestFileName, bffErrorSchema, type BffError } from '@portico/api-types';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '@portico/emulator';
import { createApp } from '../app';
import { parseEnv } from '../config/env';
import type { Database } from '../db/database';
import { emulatorUpstream } from '../embedded-emulator';
import { createLogger } from '../http/logger';
import type { DemoUser } from './emulator-fixture';
import { listen } from './listen';
import { signInOverHttp } from './session-headers';
import { countHandles, settleHandles, type HandleCount } from './open-handles';
import { pgliteTestDatabase } from './test-databases';

export interface Caller {
  user: DemoUser;
  headers: Record<string, string>;
}

/**
 * The emulator and the BFF on real sockets in this process, for fault tests: callers, an error
 * checker, activity by request id and handle counts.
 */
export async function startReliabilityStack(
  opts: { timeoutMs?: number; emulator?: EmulatorOptions; db?: Database; sharedEmulator?: RunningEmulator } = {},
) {
  const emulator: RunningEmulator =
    opts.sharedEmulator ?? (await startEmulator({ seedResources: 20, assetJobDurationMs: 10, ...opts.emulator }));
  const testDb = opts.db ? undefined : await pgliteTestDatabase();
  const db = opts.db ?? testDb!.db;
  const app = createApp({
    db,
    logger: createLogger('silent'),
    env: parseEnv({ WEB_DIST_DIR: '/nonexistent' }),
    upstream: emulatorUpstream(emulator.url, opts.timeoutMs ?? 10_000),
  });
  const server = await listen(app);
  const { url } = server;

  async function signIn(user: DemoUser): Promise<Caller> {
    return { user, headers: await signInOverHttp(url, user) };
  }

  async function call(caller: Caller | undefined, method: string, path: string, body?: unknown) {
    const res = await fetch(url + path, {
      method,
      headers: { ...caller?.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return {
      status: res.status,
      requestId: res.headers.get('x-request-id') ?? '',
      headers: res.headers,
      body: json as Record<string, unknown>,
    };
  }

  let resourceId: string | undefined;
  async function firstDashboard(caller: Caller): Promise<string> {
    resourceId ??= (
      (await call(caller, 'GET', '/api/insight/resources?type=dashboard&limit=1')).body as { items: { id: string }[] }
    ).items[0]!.id;
    return resourceId;
  }

  return {
    url,
    emulator,
    db,
    server: server.server,
    signIn,
    call,
    firstDashboard,
    /** Activity entries written for one BFF request. */
    activityOf: (requestId: string) =>
      db.query<{ operation: string; outcome: string; error_code: string | null }>(
        'SELECT operation, outcome, error_code FROM activity WHERE request_id = $1',
        [requestId],
      ),
    handles: countHandles,
    /** Waits until sockets and descriptors are back to `baseline` (idle keep-alives closed). */
    settle: (baseline: HandleCount) => settleHandles(baseline, [server.server]),
    async close() {
      await server.close();
      await testDb?.dispose();
      if (!opts.sharedEmulator) await emulator.close();
    },
  };
}
export type ReliabilityStack = Awaited<ReturnType<typeof startReliabilityStack>>;

/** The one BFF error shape, with the request id of the answer's header. */
export function expectBffError(
  res: { status: number; requestId: string; body: unknown },
  status: number,
  code: string,
): BffError {
  expect(res.status).toBe(status);
  const parsed = bffErrorSchema.parse(res.body);
  expect(parsed.error.code).toBe(code);
  expect(parsed.request_id).toBe(res.requestId);
  expect(parsed.request_id).not.toBe('');
  return parsed;
}

/** A valid ROMA asset package. */
export function assetPackage(name = 'reliability-app'): Buffer {
  const manifest = { asset_version: '1', applications: [{ name }], tasks: [] };
  return Buffer.from(zipSync({ [assetManifestFileName]: strToU8(JSON.stringify(manifest)) }));
}

export interface RawExchange {
  status: number;
  headers: http.IncomingHttpHeaders;
  bytes: number;
  /** The response ended cleanly with every byte its framing announced. */
  complete: boolean;
  /** The client-side error that ended it, if any (`aborted`, `ECONNRESET`…). */
  error?: string;
  body: Buffer;
}

/**
 * One request over its own connection, reading the whole answer (the first 64 KiB kept), so an
 * aborted or truncated response is told from a complete one.
 */
export function rawExchange(
  url: string,
  options: http.RequestOptions,
  body?: Buffer | NodeJS.ReadableStream,
): Promise<RawExchange> {
  return new Promise((resolve) => {
    const req = http.request(url, { agent: false, ...options });
    const kept: Buffer[] = [];
    let bytes = 0;
    let done = false;
    const finish = (r: Omit<RawExchange, 'body'>) => {
      if (done) return;
      done = true;
      resolve({ ...r, body: Buffer.concat(kept) });
    };
    req.on('response', (res) => {
      const base = () => ({ status: res.statusCode ?? 0, headers: res.headers, bytes });
      res.on('data', (c: Buffer) => {
        if (bytes < 64 * 1024) kept.push(c);
        bytes += c.length;
      });
      res.on('end', () => finish({ ...base(), complete: res.complete }));
      res.on('aborted', () => finish({ ...base(), complete: false, error: 'aborted' }));
      res.on('error', (e: NodeJS.ErrnoException) => finish({ ...base(), complete: false, error: e.code ?? e.message }));
      res.on('close', () => finish({ ...base(), complete: res.complete }));
    });
    req.on('error', (e: NodeJS.ErrnoException) =>
      finish({ status: 0, headers: {}, bytes, complete: false, error: e.code ?? e.message }),
    );
    if (body === undefined) req.end();
    else if (Buffer.isBuffer(body)) req.end(body);
    else body.pipe(req);
  });
}
