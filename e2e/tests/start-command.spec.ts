import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { demo, freePort, startCommandOf, startScriptOf } from '@portico/emulator';

const repo = resolve(import.meta.dirname, '../..');
const bffDir = join(repo, 'apps/bff');

/**
 * `pnpm start` as a newcomer runs it: apps/bff's `start` script (its Node options included, see
 * docs/decisions/0013) from apps/bff with no upstream configured, so the BFF starts its embedded
 * emulator. Only PORT (a free one) and DATA_DIR (a throw-away folder) are set; the web app comes
 * from the default `../web/dist`.
 */
test.describe('the start command', () => {
  let child: ChildProcess;
  let output = '';
  let dataDir: string;
  let url: string;

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    expect(startScriptOf(bffDir).trim().split(/\s+/)[0], 'the start script runs node').toBe('node');
    const { options, script } = startCommandOf(bffDir);
    if (!existsSync(script)) throw new Error(`${script} is missing; run \`pnpm build\` first`);
    dataDir = mkdtempSync(join(tmpdir(), 'portico-start-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    // A newcomer's environment: PATH and HOME, and of Portico's only PORT and DATA_DIR.
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      DATA_DIR: dataDir,
    };
    child = spawn(process.execPath, [...options, script], { cwd: bffDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const deadline = Date.now() + 80_000;
    // The banner comes after `listen`: waiting for it means the server answers too.
    while (!output.includes('Stop with Ctrl+C')) {
      if (child.exitCode !== null) throw new Error(`the BFF exited with ${child.exitCode}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`the BFF printed no banner:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  test.afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('prints the URL and the demo sign-in', () => {
    expect(output).toContain(`Portico is running at ${url}`);
    expect(output).toContain('embedded emulator');
    expect(output).toContain(demo.domainName);
    expect(output).toContain(demo.users.admin.name);
    expect(output).toContain(demo.users.admin.password);
  });

  test('idles without the dead buffers of its first start (RSS under 640 MiB within seconds; about 830 before)', async () => {
    const status = `/proc/${child.pid}/status`;
    test.skip(!existsSync(status), 'no /proc here');
    const rssMiB = () => Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(status, 'utf8'))?.[1]) / 1024;
    expect(rssMiB()).toBeGreaterThan(0);
    await expect.poll(rssMiB, { timeout: 15_000 }).toBeLessThan(640);
  });

  test('answers GET /api/session with 401 without a session', async ({ request }) => {
    const res = await request.get(`${url}/api/session`);
    expect(res.status()).toBe(401);
  });

  test('serves the built web app at /', async ({ request }) => {
    test.skip(!existsSync(join(repo, 'apps/web/dist/index.html')), 'apps/web is not built');
    const res = await request.get(`${url}/`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/text\/html/);
    expect(await res.text()).toMatch(/<div id="root"/);
  });

  test('signs the demo admin in against the embedded emulator', async ({ request }) => {
    const res = await request.post(`${url}/api/session`, {
      headers: { origin: url },
      data: { domain: demo.domainName, username: demo.users.admin.name, password: demo.users.admin.password },
    });
    expect(res.status()).toBe(201);
  });

  test('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
