import { demo } from '@portico/emulator';
import { expect, test, type Page } from '../support/fixtures';
import { csrfHeaders } from '../support/stack-api';

async function fillSignIn(page: Page, role: keyof typeof demo.users, password: string = demo.users[role].password) {
  await page.getByLabel('Account (domain)').fill(demo.domainName);
  await page.getByLabel('User name').fill(demo.users[role].name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a wrong password says so plainly and keeps the user on the sign-in page', async ({
  page,
  expectNoSeriousA11yViolations,
  keepScreenshot,
}) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
  await fillSignIn(page, 'operator', 'not-the-password');
  await expect(page.getByRole('alert')).toContainText('The account, user name or password is wrong.');
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expectNoSeriousA11yViolations();
  await keepScreenshot('sign-in-wrong-password');

  await fillSignIn(page, 'operator');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});

test('a session ended on the server sends the user to sign in and back to where they were', async ({
  page,
  signIn,
  expectNoSeriousA11yViolations,
  keepScreenshot,
}) => {
  await signIn('operator');
  await page.getByRole('link', { name: 'Activity' }).click();
  await page.getByRole('link', { name: 'Resources' }).click();
  await page.getByRole('tab', { name: 'Large screens' }).click();
  const where = new URL(page.url());
  expect(where.searchParams.get('type')).toBe('screen');
  // The screen's own requests answered first: one still in flight when the session ends would
  // meet it before the user does, and send them to sign in from the previous tab.
  await page.waitForLoadState('networkidle');

  const res = await page.request.delete('/api/session', { headers: await csrfHeaders(page) });
  expect(res.status()).toBe(204);

  // The next thing the user does meets the ended session.
  await page.getByRole('tab', { name: 'Datasets' }).click();
  await expect(page).toHaveURL(/\/sign-in\?expired=1/);
  await expect(page.getByRole('status')).toHaveText(
    'Your session has ended. Sign in again to continue where you were.',
  );
  await expectNoSeriousA11yViolations();
  await keepScreenshot('sign-in-expired');

  await fillSignIn(page, 'operator');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page).toHaveURL(/\/resources\?/);
  expect(new URL(page.url()).searchParams.get('type')).toBe('dataset');
  await expect(page.getByRole('tab', { name: 'Datasets' })).toHaveAttribute('aria-selected', 'true');
});

test('cleared cookies send the user to sign in and back to the same screen', async ({ page, context, signIn }) => {
  await signIn('operator');
  await page.getByRole('link', { name: 'Export' }).click();
  await expect(page.getByRole('heading', { name: 'Export', level: 1 })).toBeVisible();
  await context.clearCookies();

  await page.getByRole('tab', { name: 'Datasets' }).click();
  await expect(page).toHaveURL(/\/sign-in\?expired=1/);
  await fillSignIn(page, 'operator');
  await expect(page).toHaveURL(/\/export\?/);
  await expect(page.getByRole('heading', { name: 'Export', level: 1 })).toBeVisible();
});
