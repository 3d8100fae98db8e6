import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityEntry, PermissionsRecord } from '@portico/api-types';
import { startEmulator, type RunningEmulator } from '@portico/emulator';
import type { Database } from '../db/database';
import { tuneWriteQueues } from '../db/write-queues';
import { activitySettles } from '../features/activity/pending-activity';
import { watchCrashes } from '../testing/crash-watch';
import { postgresBehindRelay } from '../testing/postgres-behind-relay';
import {
  assetPackage,
  expectBffError,
  rawExchange,
  startReliabilityStack,
  type Caller,
  type ReliabilityStack,
} from '../testing/reliability-stack';
import { startRequestLogRelay } from '../testing/request-log-relay';
import type { TcpProxy } from '../testing/tcp-proxy';
import { skipPostgres } from '../testing/test-databases';

/** `db`, with a cut of the database a test arms to happen just before a matching statement. */
function cuttable(db: Database) {
  let armed: { when: RegExp; cut: () => void } | undefined;
  const wrapped: Database = {
    kind: db.kind,
    query<T>(sql: string, params?: readonly unknown[]) {
      if (armed?.when.test(sql)) {
        const { cut } = armed;
        armed = undefined;
        cut();
      }
      return db.query<T>(sql, params);
    },
    transaction: (fn) => db.transaction(fn),
    close: () => db.close(),
  };
  return {
    db: wrapped,
    cutBefore(when: RegExp, cut: () => void) {
      armed = { when, cut };
    },
  };
}

const pendingInsert = /^\s*INSERT INTO activity\b/;
const settleUpdate = /^\s*UPDATE activity SET outcome\b/;

// Each state-changing operation writes its activity entry `pending` before the upstream call and
// settles it after. PostgreSQL (behind a TCP relay this test cuts) goes away at the worst moments:
// just before the pending write (nothing may reach the upstream) and just after the upstream has
// answered (the user gets the upstream's answer, and the entry is settled once the database is back).
describe.skipIf(skipPostgres)('activity entries written pending and settled, the database cut in between', () => {
  let pg: Awaited<ReturnType<typeof postgresBehindRelay>>;
  let proxy: TcpProxy;
  let cut: ReturnType<typeof cuttable>;
  /** The test's own connection, straight to PostgreSQL: it sees the rows while the BFF cannot. */
  let direct: Database;
  let emulator: RunningEmulator;
  let upstream: Awaited<ReturnType<typeof startRequestLogRelay>>;
  let stack: ReliabilityStack;
  let operator: Caller;
  let resourceId: string;
  let watch: ReturnType<typeof watchCrashes>;

  beforeAll(async () => {
    watch = watchCrashes();
    pg = await postgresBehindRelay();
    proxy = pg.relay;
    cut = cuttable(pg.db);
    direct = await pg.schema.open();
    // Retries every 50–200 ms, so the test does not wait out the production backoff.
    tuneWriteQueues(cut.db, { minDelayMs: 50, maxDelayMs: 200 });
    emulator = await startEmulator({ seedResources: 20, assetJobDurationMs: 10 });
    upstream = await startRequestLogRelay(emulator.url);
    stack = await startReliabilityStack({ db: cut.db, sharedEmulator: { ...emulator, url: upstream.url } });
    operator = await stack.signIn('operator');
    resourceId = await stack.firstDashboard(operator);
  });
  afterEach(() => {
    proxy.up();
  });
  afterAll(async () => {
    watch.stop();
    await stack.close();
    await upstream.close();
    await emulator.close();
    await pg.close();
  });

  const permissions = () => `/api/insight/permissions?resource_type=dashboard&resource_id=${resourceId}`;
  const readSwitches = async () =>
    ((await stack.call(operator, 'GET', permissions())).body as unknown as PermissionsRecord).auth_switch_config;
  const rows = (requestId: string) =>
    direct.query<{ outcome: string; before: unknown; after: unknown }>(
      'SELECT outcome, before, after FROM activity WHERE request_id = $1',
      [requestId],
    );

  const operations = {
    'permissions.save': async () => {
      const before = await readSwitches();
      upstream.clear(); // the log holds the save's own calls only
      const res = await stack.call(operator, 'PUT', '/api/insight/permissions', {
        resource_type: 'dashboard',
        resource_id: resourceId,
        auth_switch_config: { read: !before.read },
      });
      return { status: res.status, requestId: res.requestId, body: res.body as unknown, before };
    },
    'resource_package.export': async () => {
      const res = await rawExchange(
        `${stack.url}/api/insight/resource-packages/export`,
        { method: 'POST', headers: { ...operator.headers, 'content-type': 'application/json' } },
        Buffer.from(
          JSON.stringify({ name: 'settle', resources: [{ resource_type: 'dashboard', resource_id: resourceId }] }),
        ),
      );
      const body = res.headers['content-type']?.includes('json')
        ? (JSON.parse(res.body.toString('utf8')) as unknown)
        : res.body;
      return { status: res.status, requestId: String(res.headers['x-request-id']), body, complete: res.complete };
    },
    'assets.import': async () => {
      const boundary = 'settle-boundary';
      const res = await rawExchange(
        `${stack.url}/api/roma/assets/import`,
        {
          method: 'POST',
          headers: { ...operator.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
        },
        Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="ImportAssetRequestBody"; filename="settle.zip"\r\nContent-Type: application/zip\r\n\r\n`,
          ),
          assetPackage('settle-app'),
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      );
      return {
        status: res.status,
        requestId: String(res.headers['x-request-id']),
        body: JSON.parse(res.body.toString('utf8')) as unknown,
      };
    },
  };

  /** Polls the BFF's activity list until the request's entry is no longer pending. */
  async function settledEntry(operation: string, requestId: string): Promise<ActivityEntry> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const res = await stack.call(operator, 'GET', `/api/activity?operation=${operation}&limit=20`);
      const entry =
        res.status === 200 ? (res.body.items as ActivityEntry[]).find((e) => e.request_id === requestId) : undefined;
      if (entry && entry.outcome !== 'pending') return entry;
      if (Date.now() > deadline) throw new Error(`entry of ${requestId} still ${entry?.outcome ?? 'missing'}`);
      await sleep(50);
    }
  }

  it.each(Object.keys(operations) as (keyof typeof operations)[])(
    '%s: the database gone just before the pending write is a 503, and nothing reaches the upstream',
    async (operation) => {
      const switchesBefore = await readSwitches();
      upstream.clear();
      cut.cutBefore(pendingInsert, () => proxy.down());
      const res = await operations[operation]();
      expectBffError({ status: res.status, requestId: res.requestId, body: res.body }, 503, 'service_unavailable');
      // Not the read before a save, not the save, not the export or the upload: nothing at all.
      expect(upstream.requests).toEqual([]);
      proxy.up();
      // Nothing happened, and nothing is logged as if it had.
      expect(await rows(res.requestId)).toEqual([]);
      expect(await readSwitches()).toEqual(switchesBefore);
      expect(watch.crashes).toEqual([]);
    },
  );

  it('permissions.save: the database gone right after the upstream saved — the user gets the saved record, the entry settles once it is back', async () => {
    cut.cutBefore(settleUpdate, () => proxy.down());
    const res = await operations['permissions.save']();
    // The truth: the save happened upstream, so the answer is the saved record, not a 503.
    expect(res.status).toBe(200);
    const saved = res.body as PermissionsRecord;
    expect(saved.auth_switch_config.read).toBe(!res.before.read);
    expect(upstream.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
    // Meanwhile the entry exists, pending, with what was asked; its settle is queued, not lost.
    expect(await rows(res.requestId)).toEqual([
      { outcome: 'pending', before: null, after: { read: !res.before.read } },
    ]);
    expect(activitySettles(cut.db).size).toBe(1);
    await sleep(300); // retries meet the database still away
    expect((await rows(res.requestId))[0]?.outcome).toBe('pending');

    proxy.up();
    const entry = await settledEntry('permissions.save', res.requestId);
    expect(entry).toMatchObject({ outcome: 'success', before: res.before, after: saved.auth_switch_config });
    expect(entry).not.toHaveProperty('error_code');
    expect(activitySettles(cut.db).size).toBe(0);
    expect(await readSwitches()).toEqual(saved.auth_switch_config);
    expect(watch.crashes).toEqual([]);
  });

  it('resource_package.export: the database gone as the file starts — the whole file arrives, the entry settles as success', async () => {
    cut.cutBefore(settleUpdate, () => proxy.down());
    const res = await operations['resource_package.export']();
    expect(res.status).toBe(200);
    expect(res.complete).toBe(true);
    expect((await rows(res.requestId))[0]?.outcome).toBe('pending');
    proxy.up();
    expect(await settledEntry('resource_package.export', res.requestId)).toMatchObject({
      outcome: 'success',
      details: { resources: 1 },
    });
  });

  it('assets.import: the database gone right after ROMA took the package — the user gets the job id, the entry settles with it', async () => {
    cut.cutBefore(settleUpdate, () => proxy.down());
    const res = await operations['assets.import']();
    expect(res.status).toBe(200);
    const { job_id } = res.body as { job_id: string };
    expect(job_id).toEqual(expect.any(String));
    expect((await rows(res.requestId))[0]?.outcome).toBe('pending');
    proxy.up();
    expect(await settledEntry('assets.import', res.requestId)).toMatchObject({
      outcome: 'success',
      target: 'settle.zip',
      details: { job_id },
    });
    expect(watch.crashes).toEqual([]);
  });
});
