import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bffUpstreamEnv, startEmulator, type RunningEmulator } from '@portico/emulator';
import { afterAll, describe, expect, it } from 'vitest';
import { demoCredentials } from '../testing/emulator-fixture';
import { bffErrorSchema } from '@portico/api-types';
import { openPgliteDatabase } from '../db/pglite-database';
import { signInOverHttp } from '../testing/session-headers';
import { spawnBff, type SpawnedBff } from '../testing/spawned-bff';
import { freePort } from '@portico/emulator';

// The real server process: up with its upstream down, SIGTERM mid-download, restart on the same
// DATA_DIR (embedded PGlite).
const dataDir = mkdtempSync(join(tmpdir(), 'portico-lifecycle-'));
const spawned: SpawnedBff[] = [];
let emulator: RunningEmulator | undefined;

afterAll(async () => {
  for (const s of spawned) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  await emulator?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function upstreamEnv(url: string): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    ...bffUpstreamEnv(url),
    UPSTREAM_TIMEOUT_MS: '3000',
  };
}

const signIn = (url: string) =>
  fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demoCredentials('operator')),
  });

const refused = (url: string) =>
  new Promise<string>((resolve) => {
    const { port } = new URL(url);
    const s = net.connect(Number(port), '127.0.0.1');
    s.on('connect', () => {
      s.destroy();
      resolve('connected');
    });
    s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });

/** An export whose reader took its first chunk and paused; `resume` reads the rest. */
async function heldDownload(url: string, headers: Record<string, string>, resourceId: string) {
  let held!: () => void;
  let resume!: () => void;
  const download = new Promise<{ status: number; bytes: number; complete: boolean }>((resolve, reject) => {
    const req = http.request(`${url}/api/insight/resource-packages/export`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let bytes = 0;
      res.once('data', () => {
        res.pause();
        held();
      });
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, complete: res.complete }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, bytes, complete: false }));
      resume = () => res.resume();
    });
    req.end(JSON.stringify({ name: 'drain', resources: [{ resource_type: 'dashboard', resource_id: resourceId }] }));
  });
  await new Promise<void>((r) => (held = r));
  return { download, resume };
}

describe('the BFF process', () => {
  it('starts with its upstream down, answers sign-in 502, recovers; drains a download on SIGTERM, exits 0 and restarts with sessions and activity', async () => {
    const size = 24 * 1024 * 1024;
    const upstreamPort = await freePort();
    const upstreamUrl = `http://127.0.0.1:${upstreamPort}`;
    const first = await spawnBff(upstreamEnv(upstreamUrl));
    spawned.push(first);

    // Upstream down at start: up anyway, a clear 502 in the error shape.
    const down = await signIn(first.url);
    expect(down.status).toBe(502);
    const err = bffErrorSchema.parse(await down.json());
    expect(err.error).toMatchObject({ code: 'upstream_unreachable', upstream: { service: 'iam' } });
    expect(err.request_id).toBe(down.headers.get('x-request-id'));

    emulator = await startEmulator({ port: upstreamPort, seedResources: 5, faults: { largeFileBytes: size } });
    const headers = await signInOverHttp(first.url, 'operator');
    const resources = (await (
      await fetch(`${first.url}/api/insight/resources?type=dashboard&limit=1`, { headers })
    ).json()) as { items: { id: string }[] };
    const resourceId = resources.items[0]!.id;

    // A large export, held mid-stream by a reader that pauses.
    const { download, resume } = await heldDownload(first.url, headers, resourceId);

    const activityBefore = (await (await fetch(`${first.url}/api/activity?limit=100`, { headers })).json()) as {
      items: { id: string; outcome: string }[];
    };
    expect(activityBefore.items.length).toBeGreaterThanOrEqual(3); // failed and good sign-ins, the export

    first.child.kill('SIGTERM');
    await first.waitForLine(/shutting down/, 10_000);
    expect(await refused(first.url)).toBe('ECONNREFUSED');
    resume();
    const got = await download;
    // On a failure, the server's own account of the shutdown.
    const log = () => `the BFF's output:\n${first.output.join('\n')}`;
    expect(got, log()).toMatchObject({ status: 200, complete: true });
    expect(got.bytes, log()).toBeGreaterThan(size);
    expect(await first.exited, log()).toBe(0);

    // Restarted with a short grace: the sessions and the activity are still there.
    const second = await spawnBff({ ...upstreamEnv(upstreamUrl), SHUTDOWN_GRACE_MS: '400' });
    spawned.push(second);
    const session = await fetch(`${second.url}/api/session`, { headers });
    expect(session.status).toBe(200);
    const activityAfter = (await (await fetch(`${second.url}/api/activity?limit=100`, { headers })).json()) as {
      items: { id: string; outcome: string }[];
    };
    expect(activityAfter.items).toEqual(expect.arrayContaining(activityBefore.items));
    expect(activityAfter.items).toHaveLength(activityBefore.items.length);

    // A download still held when the grace runs out is cut (never left to look complete), and
    // the process still exits 0.
    const stalled = await heldDownload(second.url, headers, resourceId);
    second.child.kill('SIGTERM');
    expect(await second.waitForLine(/requests still in flight after the grace period: cut/, 10_000)).toContain(
      '"graceMs":400',
    );
    expect(await second.exited).toBe(0);
    expect(second.output.at(-1)).toMatch(/"msg":"stopped"/);
    // The reader, reading again, gets what was on its way and then the cut.
    stalled.resume();
    const cut = await stalled.download;
    expect(cut).toMatchObject({ status: 200, complete: false });
    expect(cut.bytes).toBeLessThan(size);
    // ...and its activity entry says so: recorded before the database closed, never left a success.
    const db = await openPgliteDatabase(join(dataDir, 'pglite'));
    try {
      const [last] = await db.query<{ outcome: string; error_code: string | null }>(
        `SELECT outcome, error_code FROM activity WHERE operation = 'resource_package.export' ORDER BY at DESC LIMIT 1`,
      );
      expect(last).toEqual({ outcome: 'failure', error_code: 'stream_interrupted' });
    } finally {
      await db.close();
    }
    // Three cold starts of a file-backed PGlite: seconds on an idle machine, far more on a busy one.
  }, 180_000);
});
