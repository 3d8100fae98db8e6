import { readFile } from 'node:fs/promises';
import { importAssetFileField } from '@portico/api-types/upstream';
import { freshAssetPackage } from '../support/asset-files';
import { expect, test, type Page } from '../support/fixtures';
import { csrfHeaders, listedItems, uniqueSuffix } from '../support/stack-api';

async function firstIds(page: Page, path: string, count: number): Promise<string[]> {
  return (await listedItems(page, path)).slice(0, count).map((i) => i.id);
}

/**
 * Does each operation once through the BFF, as the screens do (their own journeys prove the
 * screens), and returns the target each is logged under.
 */
async function doEveryOperation(page: Page) {
  const headers = await csrfHeaders(page);
  const [dashboard, ...more] = await firstIds(page, '/api/insight/resources?type=dashboard&limit=10', 3);
  const workflows = await firstIds(page, '/api/secmaster/workflows', 2);
  const packageName = `e2e-activity-${uniqueSuffix()}`;

  const read = await page.request.get(`/api/insight/permissions?resource_type=dashboard&resource_id=${dashboard}`);
  const record = (await read.json()) as { auth_switch_config: Record<string, boolean> };
  const saved = await page.request.put('/api/insight/permissions', {
    headers,
    data: {
      resource_type: 'dashboard',
      resource_id: dashboard,
      auth_switch_config: record.auth_switch_config,
    },
  });
  expect(saved.ok()).toBe(true);

  const exported = await page.request.post('/api/insight/resource-packages/export', {
    headers,
    data: {
      name: packageName,
      resources: [dashboard, ...more].map((id) => ({
        resource_type: 'dashboard',
        resource_id: id,
      })),
    },
  });
  expect(exported.ok()).toBe(true);

  const flows = await page.request.post('/api/secmaster/workflows/export', {
    headers,
    data: { id: workflows },
  });
  expect(flows.ok()).toBe(true);

  const file = freshAssetPackage();
  const imported = await page.request.post('/api/roma/assets/import', {
    headers,
    multipart: { [importAssetFileField]: file },
  });
  expect(imported.ok()).toBe(true);
  const { job_id } = (await imported.json()) as { job_id: string };
  // Wait for the job to end, so this user's job slot is free for any test that follows.
  await expect
    .poll(
      async () =>
        (
          (await (await page.request.get(`/api/roma/assets/jobs/${job_id}`)).json()) as {
            status: string;
          }
        ).status,
      {
        timeout: 15_000,
      },
    )
    .not.toBe('RUNNING');

  return {
    'Save permissions': `dashboard:${dashboard}`,
    'Export resource package': packageName,
    'Export workflows': workflows.join(','),
    'Import assets': file.name,
  };
}

test('Activity lists every operation with its outcome and downloads as CSV', async ({
  page,
  signIn,
  expectNoSeriousA11yViolations,
  keepScreenshot,
}) => {
  await signIn('operator');
  const targets = await doEveryOperation(page);
  await page.getByRole('link', { name: 'Activity' }).click();
  await expect(page.getByRole('heading', { name: 'Activity', level: 1 })).toBeVisible();

  const table = page.getByRole('table');
  for (const [operation, target] of Object.entries(targets)) {
    const row = table.getByRole('row').filter({ hasText: target });
    await expect(row.first()).toContainText(operation);
    await expect(row.first()).toContainText('Success');
    await expect(row.first()).toContainText('demo-operator');
  }
  await expect(table.getByRole('row').filter({ hasText: 'Sign in' }).first()).toBeVisible();
  await expectNoSeriousA11yViolations();
  await keepScreenshot('activity');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('activity.csv');
  await expect(page.getByText(/Saved as activity\.csv/)).toBeVisible();
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/operation/i);
  for (const target of Object.values(targets)) {
    expect(lines.some((l) => l.includes(target))).toBe(true);
  }
});
