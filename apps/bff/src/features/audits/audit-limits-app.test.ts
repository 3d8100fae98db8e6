import type { AuditEvent } from '@portico/api-types';
import { demo, startEmulator, type RunningEmulator } from '@portico/emulator';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app';
import { parseEnv } from '../../config/env';
import { emulatorUpstream } from '../../embedded-emulator';
import { createLogger } from '../../http/logger';
import { demoCredentials } from '../../testing/emulator-fixture';
import { pgliteTestDatabase, type TestDatabase } from '../../testing/test-databases';

/**
 * `AUDIT_MAX_ATTEMPTS` reaches the sweep through `createApp`: the same throttled start (429 with
 * `Retry-After: 1`, lifted after 300 ms) is an enumeration error with one attempt allowed, and a
 * clean audit with the default five, whose retry waits the second out.
 */
describe('audit limits from the environment', () => {
  let emu: RunningEmulator;
  const dbs: TestDatabase[] = [];
  beforeAll(async () => {
    emu = await startEmulator({ seedResources: 6 });
  });
  afterAll(async () => {
    for (const d of dbs) await d.dispose();
    await emu?.close();
  });

  async function throttledAudit(env: Record<string, string>): Promise<AuditEvent[]> {
    const testDb = await pgliteTestDatabase();
    dbs.push(testDb);
    const app = createApp({
      db: testDb.db,
      logger: createLogger('silent'),
      env: parseEnv({ WEB_DIST_DIR: '/nonexistent', ...env }),
      upstream: emulatorUpstream(emu.url, 5_000),
    });
    const agent = request.agent(app);
    const signIn = await agent.post('/api/session').send(demoCredentials('auditor'));
    expect(signIn.status).toBe(201);
    emu.setFaults({ throttleRate: 1 });
    const lift = setTimeout(() => emu.setFaults({ throttleRate: 0 }), 300);
    try {
      const res = await agent
        .post('/api/audits')
        .set('x-csrf-token', signIn.body.csrf_token as string)
        .send({ workspace_id: demo.insightWorkspaceId, resource_types: ['dataset'] });
      expect(res.status).toBe(200);
      return res.text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as AuditEvent);
    } finally {
      clearTimeout(lift);
      emu.setFaults({ throttleRate: 0 });
    }
  }

  const startedOf = (events: AuditEvent[]) => events.find((e) => e.type === 'started');

  it('gives up at once with AUDIT_MAX_ATTEMPTS=1', async () => {
    const events = await throttledAudit({ AUDIT_MAX_ATTEMPTS: '1' });
    const started = startedOf(events);
    expect(started).toMatchObject({ total: 0 });
    expect(started?.type === 'started' && started.enumeration_errors?.[0]?.error.status).toBe(429);
  });

  it('waits out Retry-After and audits everything with the default attempts', async () => {
    const events = await throttledAudit({});
    const started = startedOf(events);
    expect(started).toMatchObject({ enumeration_errors: [] });
    expect(started?.type === 'started' && started.total).toBeGreaterThan(0);
    expect(events.at(-1)?.type).toBe('finished');
  });
});
