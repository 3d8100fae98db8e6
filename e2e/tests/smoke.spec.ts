import { expect, test } from '../support/fixtures';

test('the console serves its sign-in page and an operator can sign in', async ({
  page,
  signIn,
  expectNoSeriousA11yViolations,
  keepScreenshot,
}) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /sign in/i })).toBeVisible();
  await expectNoSeriousA11yViolations();
  await keepScreenshot('sign-in');

  await signIn('operator');
  await expect(page.getByText(/^Signed in as demo-operator \(/)).toBeVisible();
  // The session is an httpOnly cookie: the page's script cannot read it.
  expect(await page.evaluate(() => document.cookie)).not.toContain('portico_session');
});

test('the emulator answers behind the console', async ({ request, emulatorUrl }) => {
  const res = await request.get(`${emulatorUrl}/__emulator/health`);
  expect(res.status()).toBe(200);
});
