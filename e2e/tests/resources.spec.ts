import { demo } from '@portico/emulator';
import { expect, test, type Page } from '../support/fixtures';
import { listedItems } from '../support/stack-api';
import { signInElsewhere } from '../support/stack-api-signin';

/** A seeded dashboard's name, read from the BFF the way the page reads it. */
async function dashboard(page: Page, index: number) {
  const item = (await listedItems(page, '/api/insight/resources?type=dashboard&limit=20'))[index];
  if (!item) throw new Error('no seeded dashboard');
  return item;
}

async function openDashboard(page: Page, name: string) {
  await page.getByRole('link', { name: 'Resources' }).click();
  await page.getByRole('tab', { name: 'Dashboards' }).click();
  await page.getByRole('searchbox', { name: 'Search by name' }).fill(name);
  await page.getByRole('button', { name: `Open ${name}`, exact: true }).click();
  await expect(page.getByRole('heading', { name: `Collaboration permissions: ${name}` })).toBeVisible();
}

test('an operator finds a dashboard by name and its export switch stays flipped after a reload', async ({
  page,
  signIn,
  expectNoSeriousA11yViolations,
  keepScreenshot,
}) => {
  await signIn('operator');
  const target = await dashboard(page, 0);
  await openDashboard(page, target.name);

  const exportSwitch = page.getByRole('switch', { name: 'Collaborators can export' });
  const before = (await exportSwitch.getAttribute('aria-checked')) === 'true';
  await exportSwitch.click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expect(exportSwitch).toHaveAttribute('aria-checked', String(!before));
  await expectNoSeriousA11yViolations();
  await keepScreenshot('resources-permissions');

  await page.reload();
  await expect(page.getByRole('switch', { name: 'Collaborators can export' })).toHaveAttribute(
    'aria-checked',
    String(!before),
  );
});

test('an auditor sees the switches read-only and no Export or Import', async ({
  page,
  signIn,
  expectNoSeriousA11yViolations,
  keepScreenshot,
}) => {
  await signIn('auditor');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Resources' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Export' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Import' })).toHaveCount(0);

  const target = await dashboard(page, 1);
  await openDashboard(page, target.name);
  await expect(page.getByText('Your role can read these switches but not change them.')).toBeVisible();
  for (const name of ['Collaborators can view', 'Collaborators can edit', 'Collaborators can export']) {
    await expect(page.getByRole('switch', { name })).toBeDisabled();
  }
  await expectNoSeriousA11yViolations();
  await keepScreenshot('resources-auditor');

  // Typing the address does not open the screens either.
  await page.goto('/export');
  await expect(page.getByRole('alert')).toHaveText('Your role does not allow this.');
});

test('a switch flipped after someone else changed the record says who changed it', async ({
  page,
  baseURL,
  signIn,
  expectNoSeriousA11yViolations,
  keepScreenshot,
}) => {
  await signIn('operator');
  const target = await dashboard(page, 2);
  await openDashboard(page, target.name);
  const view = page.getByRole('switch', { name: 'Collaborators can view' });
  await expect(view).toBeEnabled();

  const admin = await signInElsewhere(baseURL ?? '', 'admin');
  try {
    const res = await admin.api.put('/api/insight/permissions', {
      headers: admin.headers,
      data: {
        resource_type: 'dashboard',
        resource_id: target.id,
        auth_switch_config: { read: true, edit: true, export: true },
      },
    });
    expect(res.ok()).toBe(true);
  } finally {
    await admin.dispose();
  }

  await view.click();
  const notice = page.getByRole('alertdialog');
  await expect(notice).toContainText(`Changed by ${demo.users.admin.name}`);
  await expect(notice).toContainText('since you loaded it');
  await expect(notice.getByRole('button', { name: 'Overwrite with my change' })).toBeVisible();
  await expectNoSeriousA11yViolations();
  await keepScreenshot('resources-conflict');

  await notice.getByRole('button', { name: 'Reload their version' }).click();
  await expect(page.getByRole('switch', { name: 'Collaborators can edit' })).toHaveAttribute('aria-checked', 'true');
});

test('an unknown metric ID shows the upstream code, message and request id', async ({
  page,
  signIn,
  expectNoSeriousA11yViolations,
  keepScreenshot,
}) => {
  await signIn('operator');
  await page.getByRole('tab', { name: 'Metrics' }).click();
  await page.getByLabel('Resource ID').fill('00000000-0000-4000-8000-000000000000');
  await page.getByRole('button', { name: 'Check and add' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Service code');
  await expect(alert).toContainText('24010003');
  await expect(alert).toContainText('Service message');
  await expect(alert).toContainText(/Request ID \(insight\)\s*[0-9a-f]{32}/);
  await expectNoSeriousA11yViolations();
  await keepScreenshot('resources-upstream-error');
});
