import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bffUpstreamEnv, startEmulator, type RunningEmulator } from '@portico/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { postgresBehindRelay } from '../testing/postgres-behind-relay';
import { signInOverHttp } from '../testing/session-headers';
import { spawnBff, type SpawnedBff } from '../testing/spawned-bff';
import { viaProxy } from '../testing/tcp-proxy';
import { skipPostgres, testDatabaseUrl } from '../testing/test-databases';

// The real server process on PostgreSQL behind a relay this test cuts: what SIGTERM leaves in the
// activity log. A save answered while the database is away leaves its settle queued; SIGTERM
// tries it once more: written if the database is back, else reported lost (the entry stays
// pending), and the process exits 0 either way instead of waiting on a database that is gone.
// An upload still arriving when the grace runs out is cut and recorded a failure.
describe.skipIf(skipPostgres)('SIGTERM and the activity log, on PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-shutdown-'));
  const spawned: SpawnedBff[] = [];
  let pg: Awaited<ReturnType<typeof postgresBehindRelay>>;
  /** Reads the schema straight, not through the relay. */
  let straight: Database;
  let emulator: RunningEmulator;

  beforeAll(async () => {
    pg = await postgresBehindRelay();
    straight = await pg.schema.open();
    emulator = await startEmulator({ seedResources: 5 });
  });
  afterAll(async () => {
    for (const s of spawned) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    await emulator.close();
    await pg.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The BFF on the relayed schema (`options` in the URL sets the search path of each connection). */
  async function startBff(env: Record<string, string> = {}): Promise<SpawnedBff> {
    pg.relay.up();
    const url = new URL(viaProxy(testDatabaseUrl, pg.relay));
    url.searchParams.set('options', `-c search_path=${pg.schema.schema}`);
    const bff = await spawnBff({
      ...bffUpstreamEnv(emulator.url),
      DATA_DIR: dataDir,
      DATABASE_URL: url.toString(),
      ...env,
    });
    spawned.push(bff);
    return bff;
  }

  const outcomeOf = async (id: string) =>
    (await straight.query<{ outcome: string }>('SELECT outcome FROM activity WHERE id = $1', [id]))[0]?.outcome;

  /** The operator's cookie and CSRF header, signed in to `bff` (the emulator answering at once). */
  async function signIn(bff: SpawnedBff): Promise<Record<string, string>> {
    emulator.setFaults({ latencyMs: 0 });
    return signInOverHttp(bff.url, 'operator');
  }

  /** The id of the `operation` entry written pending since `since`, once it is there. */
  async function pendingEntry(operation: string, since: Date): Promise<string> {
    for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
      const [row] = await straight.query<{ id: string }>(
        `SELECT id FROM activity WHERE operation = $1 AND outcome = 'pending' AND at >= $2`,
        [operation, since],
      );
      if (row) return row.id;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no pending ${operation} entry within 10 s`);
  }

  /**
   * Signs in, starts a save the emulator answers slowly, cuts the database once the save's entry
   * is written pending, and waits for the answer and the settle it leaves queued.
   */
  async function saveDuringOutage(bff: SpawnedBff): Promise<{ entryId: string }> {
    const headers = await signIn(bff);
    const list = (await (
      await fetch(`${bff.url}/api/insight/resources?type=dashboard&limit=1`, { headers })
    ).json()) as { items: { id: string }[] };
    const resourceId = list.items[0]!.id;
    const query = `resource_type=dashboard&resource_id=${resourceId}`;
    const before = (await (await fetch(`${bff.url}/api/insight/permissions?${query}`, { headers })).json()) as {
      auth_switch_config: { read: boolean };
    };

    emulator.setFaults({ latencyMs: 2_000 });
    const since = new Date();
    const saved = fetch(`${bff.url}/api/insight/permissions`, {
      method: 'PUT',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        resource_type: 'dashboard',
        resource_id: resourceId,
        auth_switch_config: { read: !before.auth_switch_config.read },
      }),
    });
    const entryId = await pendingEntry('permissions.save', since);
    pg.relay.down();

    // Made upstream while the database was away: still the user's answer, its settle kept.
    const answer = await saved;
    expect(answer.status).toBe(200);
    expect(await bff.waitForLine(/database unavailable: activity settle queued for a retry/, 10_000)).toContain(
      entryId,
    );
    return { entryId };
  }

  it('the database still away: reports the settle lost, exits 0, and the entry stays pending', async () => {
    const bff = await startBff();
    const { entryId } = await saveDuringOutage(bff);

    bff.child.kill('SIGTERM');
    expect(await bff.waitForLine(/writes lost at shutdown/, 15_000)).toContain('"activity":1');
    expect(await bff.exited).toBe(0);
    // The shutdown's lines whole and in order, the lost write's before the last.
    expect(bff.output.slice(-3).map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual([
      'activity settle not written at shutdown; its entry stays pending',
      'writes lost at shutdown: the database was unavailable',
      'stopped',
    ]);
    expect(await outcomeOf(entryId)).toBe('pending');
  }, 60_000);

  it('the database back: SIGTERM writes the settle before the next retry would, and exits 0', async () => {
    const bff = await startBff();
    const { entryId } = await saveDuringOutage(bff);
    // Let the retries back off to 4 s, so that only the shutdown's flush can write it in time.
    await bff.waitForLine(
      /^(?=.*"retryInMs":(4000|8000|10000)\b)(?=.*activity settles still waiting for the database)/,
      15_000,
    );
    expect(await outcomeOf(entryId)).toBe('pending');

    pg.relay.up();
    const signalled = Date.now();
    bff.child.kill('SIGTERM');
    expect(await bff.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(4_000);
    expect(bff.output.join('\n')).not.toMatch(/writes lost at shutdown/);
    expect(await outcomeOf(entryId)).toBe('success');
  }, 60_000);

  it('an upload still arriving when the grace runs out is cut and recorded a failure, not left pending', async () => {
    const bff = await startBff({ SHUTDOWN_GRACE_MS: '300' });
    const headers = await signIn(bff);
    const since = new Date();
    const boundary = 'portico-held-upload';
    const upload = http.request(`${bff.url}/api/roma/assets/import?type=AddNew`, {
      method: 'POST',
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    const ended = new Promise<string>((resolve) => {
      upload.on('response', (res) => resolve(`answered ${res.statusCode}`));
      upload.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });
    // The start of a ZIP, then nothing more: the package is on its way to ROMA, never complete.
    upload.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="ImportAssetRequestBody"; filename="held.zip"\r\n` +
        'Content-Type: application/zip\r\n\r\n',
    );
    upload.write(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64 * 1024)]));
    const entryId = await pendingEntry('assets.import', since);

    bff.child.kill('SIGTERM');
    await bff.waitForLine(/requests still in flight after the grace period: cut/, 10_000);
    expect(await bff.exited).toBe(0);
    expect(await ended).toMatch(/ECONNRESET|socket hang up/);
    expect(await outcomeOf(entryId)).toBe('failure');
  }, 60_000);
});
