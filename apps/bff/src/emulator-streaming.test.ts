import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorFixture } from './testing/emulator-fixture';
import { listen } from './testing/listen';
import { watchMemory } from './testing/memory-watch';
import { signInOverHttp } from './testing/session-headers';

const size = 200 * 1024 * 1024;
let fx: Awaited<ReturnType<typeof startEmulatorFixture>>;
let server: Awaited<ReturnType<typeof listen>>;
let headers: Record<string, string>;
let resourceId: string;

beforeAll(async () => {
  fx = await startEmulatorFixture();
  server = await listen(fx.app);
  headers = { ...(await signInOverHttp(server.url, 'operator')), 'content-type': 'application/json' };
  const resources = await fetch(`${server.url}/api/insight/resources?type=dashboard&limit=1`, { headers });
  resourceId = ((await resources.json()) as { items: { id: string }[] }).items[0]!.id;
});
afterAll(async () => {
  await server.close();
  await fx.close();
});

function download(): Promise<{ status: number; bytes: number; complete: boolean }> {
  return new Promise((resolve) => {
    const req = http.request(`${server.url}/api/insight/resource-packages/export`, { method: 'POST', headers });
    req.on('response', (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, complete: res.complete }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, bytes, complete: false }));
    });
    req.on('error', () => resolve({ status: 0, bytes: 0, complete: false }));
    req.end(JSON.stringify({ name: 'big', resources: [{ resource_type: 'dashboard', resource_id: resourceId }] }));
  });
}

describe('exports from the emulator', () => {
  it('stream a 200 MiB package with flat memory', async () => {
    fx.emulator.setFaults({ largeFileBytes: size, cutStreamAfterBytes: null });
    const stop = watchMemory();
    const got = await download();
    const growth = stop();
    expect(got.status).toBe(200);
    expect(got.complete).toBe(true);
    expect(got.bytes).toBeGreaterThan(size);
    expect(growth.rss).toBeLessThan(64 * 1024 * 1024);
  });

  it('never look complete when the upstream cuts the stream', async () => {
    fx.emulator.setFaults({ largeFileBytes: 10 * 1024 * 1024, cutStreamAfterBytes: 1024 * 1024 });
    const got = await download();
    expect(got.complete).toBe(false);
    expect(got.bytes).toBeLessThan(10 * 1024 * 1024);
    fx.emulator.setFaults({ largeFileBytes: null, cutStreamAfterBytes: null });
  });
});
