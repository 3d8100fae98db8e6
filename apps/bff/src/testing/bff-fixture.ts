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
  /** The same BFF with other settings (over the fixture's own), on the same database and upstream. */
  withEnv(overrides: Record<string, string>): Express;
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
  const envOf = (overrides: Record<string, string>) =>
    parseEnv({ LOG_LEVEL: 'info', WEB_DIST_DIR: '/nonexistent', ...envOverrides, ...overrides });
  const env = envOf({});
  const upstream: UpstreamConfig = {
    iam: upstreamUrl,
    insight: upstreamUrl,
    secmaster: upstreamUrl,
    roma: upstreamUrl,
    ...fixtureIds,
    timeoutMs: extra.timeoutMs ?? 5_000,
  };
  const logger = createLogger('info', sink);
  const app = createApp({ db: testDb.db, logger, env, upstream, now: extra.now });
  const withEnv = (overrides: Record<string, string>) =>
    createApp({ db: testDb.db, logger, env: envOf(overrides), upstream, now: extra.now });
  return { app, testDb, logs, env, withEnv, close: () => testDb.dispose() };
}
