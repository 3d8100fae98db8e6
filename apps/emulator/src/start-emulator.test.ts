import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cooperateAuthorizationPropertiesSchema } from '@portico/api-types/upstream';
import { demo } from './demo';
import { startEmulator, type RunningEmulator } from './start-emulator';
import { tokenRequest } from './testing/emulator-harness';

const dirs: string[] = [];
const running: RunningEmulator[] = [];
afterAll(async () => {
  await Promise.all(running.map((e) => e.close().catch(() => undefined)));
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function start(options: Parameters<typeof startEmulator>[0]) {
  const emu = await startEmulator({ seedResources: 40, ...options });
  running.push(emu);
  return emu;
}

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(tokenRequest()),
  });
  expect(res.status).toBe(201);
  return res.headers.get('x-subject-token') ?? '';
}

const propertiesPath = `/v1/${demo.projectId}/authorization/cooperate-authorization/properties`;
const metric = demo.insightUnlistedResources.metric;

describe('startEmulator', () => {
  it('keeps state (tokens and saved switches) across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'emulator-'));
    dirs.push(dataDir);
    const first = await start({ dataDir });
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const token = await login(first.url);
    const headers = {
      'x-auth-token': token,
      'x-workspace-id': demo.insightWorkspaceId,
      'content-type': 'application/json',
    };
    const saved = await fetch(first.url + propertiesPath, {
      method: 'POST',
      headers,
      body: JSON.stringify({ resource_id: metric, resource_type: 'metric', auth_switch_config: { edit: true } }),
    });
    expect(saved.status).toBe(200);
    await first.close();
    expect(JSON.parse(await readFile(join(dataDir, 'state.json'), 'utf8'))).toHaveProperty('services.insight');

    const second = await start({ dataDir });
    const res = await fetch(`${second.url}${propertiesPath}?resource_id=${metric}&resource_type=metric`, { headers });
    expect(res.status).toBe(200);
    expect(cooperateAuthorizationPropertiesSchema.parse(await res.json()).auth_switch_config).toEqual({
      use: true,
      edit: true,
    });
  });

  it('cuts an export stream after cutStreamAfterBytes', async () => {
    const emu = await start({ faults: { cutStreamAfterBytes: 100 } });
    const token = await login(emu.url);
    const headers = {
      'x-auth-token': token,
      'x-workspace-id': demo.insightWorkspaceId,
      'content-type': 'application/json',
    };
    const res = await fetch(`${emu.url}/v1/${demo.projectId}/resource-package/export`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'cut', resources: [{ resource_type: 'metric', resource_id: metric }] }),
    });
    expect(res.status).toBe(200);
    await expect(res.arrayBuffer()).rejects.toThrow();
  });
});
