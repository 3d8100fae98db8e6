import { demo } from '@portico/emulator';
import { watchCspViolations } from '../support/csp-watch';
import { expect, test } from '../support/fixtures';

test('the built app works under its strict headers: no CSP violation across sign-in and every screen', async ({
  page,
  signIn,
}) => {
  const violations = await watchCspViolations(page);
  const documents: Record<string, string>[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() === 'document') documents.push(res.headers());
  });

  // The page proves the listener works: an inline script is refused and reported.
  await page.goto('/');
  await expect(page.getByRole('button', { name: /sign in/i })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(violations).toEqual([]);
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.head.append(s);
  });
  await expect
    .poll(() => violations.map((v) => v.directive))
    .toEqual(expect.arrayContaining(['script-src-elem', 'console']));
  expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
  violations.length = 0;

  await signIn('admin');
  const nav = page.getByRole('navigation');
  await nav.getByRole('link', { name: 'Resources' }).click();
  await page.getByRole('tab', { name: 'Dashboards' }).click();
  await page
    .getByRole('button', { name: /^Open / })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: /Collaboration permissions/ })).toBeVisible();
  await nav.getByRole('link', { name: 'Export' }).click();
  await expect(page.getByRole('button', { name: 'Export package' })).toBeVisible();
  await nav.getByRole('link', { name: 'Import' }).click();
  await expect(page.getByText('Drop an asset package (.zip) here')).toBeVisible();
  await page.goto(`/audit?ws=${demo.insightWorkspaceId}`);
  await expect(page.getByRole('button', { name: 'Run audit' })).toBeVisible();
  await nav.getByRole('link', { name: 'Activity' }).click();
  await expect(page.getByRole('button', { name: 'Apply filters' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Apply filters' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: /sign in/i })).toBeVisible();

  expect(violations).toEqual([]);
  expect(documents.length).toBeGreaterThanOrEqual(3);
  for (const headers of documents) {
    expect(headers['content-security-policy']).toContain("script-src 'self';");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
  }
});

test('no other site can frame the console', async ({ page, baseURL, emulatorUrl }) => {
  // A page of another origin (the emulator's) frames the console: Chromium refuses to render it.
  await page.goto(`${emulatorUrl}/__emulator/health`);
  await page.setContent(`<iframe src="${baseURL}/" title="framed"></iframe>`);
  const framed = () =>
    page
      .frames()
      .find((f) => f !== page.mainFrame())
      ?.url();
  await expect.poll(framed).toMatch(/^chrome-error:/);
  await expect(page.frameLocator('iframe').getByRole('button', { name: /sign in/i })).toHaveCount(0);
});
