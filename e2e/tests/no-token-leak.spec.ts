import { readFile } from 'node:fs/promises';
import { demo } from '@portico/emulator';
import type { BrowserContext, Download, Page } from '@playwright/test';
import { freshAssetPackage } from '../support/asset-files';
import { expect, test } from '../support/fixtures';
import { startPrivateStack, type PrivateStack } from '../support/private-stack';

/**
 * Everything the page can see across a whole session, and everything the BFF logged, searched
 * for the IAM token the emulator issued for it and for the password typed at sign-in.
 */
let stack: PrivateStack;
test.beforeAll(async () => {
  stack = await startPrivateStack();
});
test.afterAll(async () => {
  await stack?.stop();
});

interface Seen {
  /** What the page received or could read: answers, cookies, storage, DOM, console, files. */
  received: string[];
  /** What the page sent (the password is in the sign-in request, by necessity). */
  sent: string[];
  pending: Promise<unknown>[];
}

function record(page: Page): Seen {
  const seen: Seen = { received: [], sent: [], pending: [] };
  page.on('request', (req) => {
    seen.pending.push(
      req
        .allHeaders()
        .then((h) => seen.sent.push(`${req.method()} ${req.url()}\n${JSON.stringify(h)}\n${req.postData() ?? ''}`)),
    );
  });
  page.on('response', (res) => {
    seen.pending.push(
      (async () => {
        const headers = JSON.stringify(await res.allHeaders());
        const body = await res.body().then(
          (b) => b.toString('latin1'),
          () => '',
        );
        seen.received.push(`${res.status()} ${res.url()}\n${headers}\n${body}`);
      })(),
    );
  });
  page.on('console', (m) => seen.received.push(`console ${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => seen.received.push(`pageerror: ${e.message}`));
  return seen;
}

/** The DOM, cookies, Web Storage, IndexedDB and Cache Storage as the page's script would find them. */
async function snapshot(page: Page, context: BrowserContext, seen: Seen) {
  seen.received.push(await page.content());
  seen.received.push(JSON.stringify(await context.cookies()));
  seen.received.push(
    await page.evaluate(async () => {
      const dump: unknown[] = [document.cookie, { ...localStorage }, { ...sessionStorage }];
      for (const info of await indexedDB.databases()) {
        const db = await new Promise<IDBDatabase>((ok, fail) => {
          const open = indexedDB.open(info.name!);
          open.onsuccess = () => ok(open.result);
          open.onerror = () => fail(open.error);
        });
        for (const store of Array.from(db.objectStoreNames)) {
          const all = db.transaction(store).objectStore(store).getAll();
          dump.push(await new Promise((ok) => (all.onsuccess = () => ok(all.result))));
        }
        db.close();
      }
      for (const name of await caches.keys()) {
        for (const req of await (await caches.open(name)).keys()) dump.push(req.url);
      }
      return JSON.stringify(dump);
    }),
  );
}

async function keepDownload(downloading: Promise<Download>, seen: Seen) {
  const download = await downloading;
  seen.received.push((await readFile(await download.path())).toString('latin1'));
  return download;
}

test('the IAM token and the password never reach the browser or the logs, across a whole session', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const base = stack.baseUrl;
  const admin = demo.users.admin;
  const seen = record(page);

  // Sign in.
  await page.goto(`${base}/`);
  await snapshot(page, context, seen);
  await page.getByLabel(/account|domain/i).fill(demo.domainName);
  await page.getByLabel(/user/i).fill(admin.name);
  await page.getByLabel(/password/i).fill(admin.password);
  await page.getByRole('button', { name: /sign in/i }).click();
  const nav = page.getByRole('navigation');
  await expect(nav).toBeVisible();
  await snapshot(page, context, seen);

  // Resources: open a dashboard and save a permission switch.
  await nav.getByRole('link', { name: 'Resources' }).click();
  await page.getByRole('tab', { name: 'Dashboards' }).click();
  await page
    .getByRole('button', { name: /^Open / })
    .first()
    .click();
  await page.getByRole('switch', { name: 'Collaborators can export' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await snapshot(page, context, seen);

  // Export: one dashboard as a package (the file is read too).
  await nav.getByRole('link', { name: 'Export' }).click();
  // Export loads lazily: until it shows, the tabs on screen are Resources' (inert meanwhile).
  await expect(page.getByRole('heading', { level: 1, name: 'Export' })).toBeVisible();
  await page.getByRole('tab', { name: 'Dashboards' }).click();
  const pick = page.getByRole('checkbox', { name: /^Select / }).first();
  await pick.click();
  await expect(pick).toBeChecked();
  await page.getByLabel('Package name').fill('no-token-leak');
  const exported = keepDownload(page.waitForEvent('download'), seen);
  await page.getByRole('button', { name: 'Export package' }).click();
  await exported;
  await snapshot(page, context, seen);

  // Import: upload an asset package and watch the job.
  await nav.getByRole('link', { name: 'Import' }).click();
  await page.getByLabel('Asset package file').setInputFiles(freshAssetPackage());
  await page.getByRole('button', { name: 'Upload and import' }).click();
  await expect(page.getByRole('heading', { name: /^Import job / })).toBeVisible();
  await expect(page.getByText('Succeeded')).toBeVisible({ timeout: 15_000 });
  await snapshot(page, context, seen);

  // Audit: sweep the workspace's datasets.
  await page.goto(`${base}/audit?ws=${demo.insightWorkspaceId}`);
  const datasets = page.getByRole('checkbox', { name: 'Datasets', exact: true });
  if (!(await datasets.isChecked())) await datasets.check();
  await page.getByRole('button', { name: 'Run audit' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Audit finished/ })).toBeVisible({ timeout: 30_000 });
  await snapshot(page, context, seen);

  // Activity, and its CSV.
  await nav.getByRole('link', { name: 'Activity' }).click();
  const csv = keepDownload(page.waitForEvent('download'), seen);
  await page.getByRole('button', { name: 'Download CSV' }).click();
  await csv;
  await snapshot(page, context, seen);

  // Sign out; the cookie the browser held is dead server-side (replay after logout).
  const held = (await context.cookies()).find((c) => c.name.endsWith('portico_session'));
  expect(held?.httpOnly).toBe(true);
  expect(held?.sameSite).toBe('Strict');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: /sign in/i })).toBeVisible();
  await snapshot(page, context, seen);
  await context.addCookies([{ ...held!, expires: -1 }]);
  const replay = await page.request.get(`${base}/api/session`);
  expect(replay.status()).toBe(401);

  await Promise.allSettled(seen.pending);
  const received = seen.received.join('\n');
  const sent = seen.sent.join('\n');
  const logs = stack.bffOutput();
  const tokens = await stack.issuedTokens();

  // Not vacuous: the emulator issued real tokens, the recording holds the session's own view
  // (its CSRF token, the user, the exported files) and the BFF logged every request.
  expect(tokens.length).toBeGreaterThanOrEqual(1);
  for (const t of tokens) expect(t.length).toBeGreaterThan(500);
  const csrf = /"csrf_token":"([\w-]+)"/.exec(received)?.[1];
  expect(csrf).toBeDefined();
  expect(received).toContain('demo-admin');
  expect(received).toContain('manifest.json');
  expect(received).toContain('session.sign_in');
  expect(logs.split('\n').filter((l) => l.includes('"request_id"')).length).toBeGreaterThanOrEqual(20);
  expect(sent).toContain(admin.password); // the recorder saw the sign-in request

  for (const token of tokens) {
    // The whole token, and a slice of it (in case something printed it truncated).
    for (const needle of [token, token.slice(100, 160)]) {
      expect(received.includes(needle), 'a token reached the page').toBe(false);
      expect(sent.includes(needle), 'a token was sent by the page').toBe(false);
      expect(logs.includes(needle), 'a token was logged').toBe(false);
    }
  }
  expect(received.includes(admin.password), 'the password reached the page').toBe(false);
  expect(logs.includes(admin.password), 'the password was logged').toBe(false);
  const signInRequests = seen.sent.filter((s) => s.includes(admin.password));
  expect(signInRequests.length).toBe(1);
  expect(signInRequests[0]).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/api\/session\n/);
  expect(logs.includes(csrf!), 'the CSRF token was logged').toBe(false);
});
