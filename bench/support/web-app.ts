// The web app as a browser gets it: a fresh production build served from loopback, opened in
// Debian's Chromium, with the BFF's API answered by contract-shaped fixtures (`page.route`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Session } from '@portico/api-types';
import { chromium, type Browser, type Page, type Route } from '@playwright/test';
import { chromiumLaunchOptions } from '../../e2e/support/chromium';

const root = fileURLToPath(new URL('../..', import.meta.url));
let built: string | undefined;

/**
 * Builds `apps/web` once per bench run into a temporary folder: the figures are of the current
 * source, and `apps/web/dist` (which the BFF and e2e serve) is left alone.
 * `PORTICO_BENCH_WEB_DIST` names a build to measure instead (another commit's, to compare).
 */
export function webBuild(): string {
  if (built) return built;
  const given = process.env.PORTICO_BENCH_WEB_DIST;
  if (given) return (built = given);
  const outDir = mkdtempSync(join(tmpdir(), 'portico-web-dist-'));
  execFileSync(
    'pnpm',
    ['--filter', './apps/web', 'exec', 'vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
  built = outDir;
  return outDir;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/** Serves a built `dist` like the BFF does: files as they are, `index.html` for app paths. */
export async function serveDist(dir: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    let file = join(dir, path);
    if (!file.startsWith(dir) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      if (path.startsWith('/assets/') || path.startsWith('/api/')) {
        res.writeHead(404).end();
        return;
      }
      file = join(dir, 'index.html');
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const launchChromium = (): Promise<Browser> => chromium.launch({ ...chromiumLaunchOptions(), headless: true });

export const benchSession: Session = {
  user: { id: 'u-bench', name: 'bench-admin', domain: 'bench' },
  roles: ['admin'],
  project_id: 'p-bench',
  expires_at: '2099-01-01T00:00:00Z',
  csrf_token: 'csrf-bench',
};

type Answer = { status?: number; body: unknown } | undefined;
/** Answers one API request (method, path, query), or `undefined` for the fallback. */
export type ApiFixtures = (method: string, path: string, query: URLSearchParams) => Answer;

const notFound = { error: { code: 'not_found', message: 'not in the bench fixtures' }, request_id: 'bench' };

/**
 * Answers `/api/**` from `fixtures`: a session (or 401 when `session` is null), one workspace,
 * empty lists; anything else is a contract-shaped 404.
 */
export async function fakeApi(
  page: Page,
  session: Session | null,
  fixtures: ApiFixtures = () => undefined,
): Promise<void> {
  const base: ApiFixtures = (method, path) => {
    if (path === '/api/session' && method === 'GET') {
      return session
        ? { body: session }
        : { status: 401, body: { error: { code: 'unauthenticated', message: 'no session' }, request_id: 'bench' } };
    }
    if (path === '/api/insight/workspaces')
      return { body: { total: 1, items: [{ id: 'ws-bench', name: 'Bench', is_default: true }] } };
    if (path === '/api/insight/resources') return { body: { total: 0, offset: 0, limit: 50, items: [] } };
    if (path === '/api/policy') return { body: { version: 0, rules: [] } };
    return undefined;
  };
  await page.route('**/api/**', async (route: Route) => {
    const url = new URL(route.request().url());
    const method = route.request().method();
    const answer = fixtures(method, url.pathname, url.searchParams) ?? base(method, url.pathname, url.searchParams);
    await route.fulfill({
      status: answer?.status ?? (answer ? 200 : 404),
      contentType: 'application/json',
      body: JSON.stringify(answer ? answer.body : notFound),
    });
  });
}
