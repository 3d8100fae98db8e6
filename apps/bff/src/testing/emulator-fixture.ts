import { demo, startEmulator, type RunningEmulator } from '@portico/emulator';
import type { Express } from 'express';
import { createApp } from '../app';
import { parseEnv } from '../config/env';
import { emulatorUpstream } from '../embedded-emulator';
import { createLogger } from '../http/logger';
import { pgliteTestDatabase, type TestDatabase } from './test-databases';

export type DemoUser = keyof typeof demo.users;

/** The emulator in-process (in-memory state) and the BFF pointed at it. */
export async function startEmulatorFixture(): Promise<{
  app: Express;
  emulator: RunningEmulator;
  testDb: TestDatabase;
  close(): Promise<void>;
}> {
  const emulator = await startEmulator({ seedResources: 30 });
  const testDb = await pgliteTestDatabase();
  const app = createApp({
    db: testDb.db,
    logger: createLogger('silent'),
    env: parseEnv({ WEB_DIST_DIR: '/nonexistent' }),
    upstream: emulatorUpstream(emulator.url, 10_000),
  });
  return {
    app,
    emulator,
    testDb,
    async close() {
      await testDb.dispose();
      await emulator.close();
    },
  };
}

export const demoCredentials = (user: DemoUser) => ({
  domain: demo.domainName,
  username: demo.users[user].name,
  password: demo.users[user].password,
});
