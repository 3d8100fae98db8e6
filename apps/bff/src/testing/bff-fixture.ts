import { Writable } from 'node:stream';
import type { Express } from 'express';
import { createApp } from '../app';
import { parseEnv, type Env } from '../config/env';
import type { UpstreamConfig } from '../config/upstream-config';
import { createLogger } from '../http/logger';
import { pgliteTestDatabase, type TestDatabase } from './test-databases';

/** Upstream ids every fixture uses, so tests can assert exact paths. */
export const fixtureIds = {
  projectId: 'proj-1',
  insightInstanceId: 'inst-1',
  insightWorkspaceId: 'ws-default',
  secmasterWorkspaceId: 'sm-ws-1',
  romaInstanceId: 'roma-1',
} as const;

export interface BffFixture {
  app: Express;
  testDb: TestDatabase;
  /** Every log line the app wrote, as text. */
  logs: string[];
  env: Env;
  close(): Promise<void>;
}

/** The BFF on an in-memory PGlite, pointed at `upstreamUrl` for every service. */
export async function startBffFixture(
  upstreamUrl: string,
  envOverrides: Record<string, string> = {},
  extra: { now?: () => Date; timeoutMs?: number } = {},
): Promise<BffFixture> {
  const testDb = await pgliteTestDatabase();
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString('utf8'));
      cb();
    },
  });
  const env = parseEnv({ LOG_LEVEL: 'info', WEB_DIST_DIR: '/nonexistent', ...envOverrides });
  const upstream: UpstreamConfig = {
    iam: upstreamUrl,
    insight: upstreamUrl,
    secmaster: upstreamUrl,
    roma: upstreamUrl,
    ...fixtureIds,
    timeoutMs: extra.timeoutMs ?? 5_000,
  };
  const app = createApp({ db: testDb.db, logger: createLogger('info', sink), env, upstream, now: extra.now });
  return { app, testDb, logs, env, close: () => testDb.dispose() };
}
