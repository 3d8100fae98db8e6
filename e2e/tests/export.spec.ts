import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test, type Page } from '../support/fixtures';
import { listedItems, setFaults } from '../support/stack-api';

/** Picks dashboards on the Export screen by searching each one's name. */
async function pickDashboards(page: Page, names: string[]) {
  // The Export screen loads lazily: until it shows, the Resources screen (inert meanwhile) has the
  // same tabs. Waiting for Export's heading makes the tab below Export's own.
  await expect(page.getByRole('heading', { level: 1, name: 'Export' })).toBeVisible();
  await page.getByRole('tab', { name: 'Dashboards' }).click();
  for (const name of names) {
    await page.getByRole('searchbox', { name: 'Search by name' }).fill(name);
    // Let the debounced search land first, so the row clicked is the one the search found.
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(name);
    const box = page.getByRole('checkbox', { name: `Select ${name}`, exact: true }).first();
    // The pick lives in the URL: the box shows it once the router has caught up (a few ms later),
    // which `check()` would read too early.
    await box.click();
    await expect(box).toBeChecked();
  }
  await expect(page.getByText(new RegExp(`^${names.length} resources? picked$`))).toBeVisible();
}

test.afterEach(async ({ request, emulatorUrl }) => {
  await setFaults(request, emulatorUrl, {});
});

test('an operator exports a package of three dashboards and the ZIP holds them', async ({
  page,
  signIn,
  expectNoSeriousA11yViolations,
  keepScreenshot,
}) => {
  await signIn('operator');
  const dashboards = (await listedItems(page, '/api/insight/resources?type=dashboard&limit=20')).slice(3, 6);
  await page.getByRole('link', { name: 'Export' }).click();
  await pickDashboards(
    page,
    dashboards.map((d) => d.name),
  );
  await page.getByLabel('Package name').fill('e2e three dashboards');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export package' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('e2e three dashboards.zip');
  await expect(page.getByText(/Saved as e2e three dashboards\.zip/)).toBeVisible();
  await expectNoSeriousA11yViolations();
  await keepScreenshot('export-package');

  const zip = unzipSync(new Uint8Array(await readFile(await download.path())));
  const manifest = JSON.parse(strFromU8(zip['manifest.json']!)) as {
    name: string;
    resources: { resource_id: string; name: string }[];
  };
  expect(manifest.name).toBe('e2e three dashboards');
  expect(manifest.resources.map((r) => r.name).sort()).toEqual(dashboards.map((d) => d.name).sort());
  // One definition per resource beside the manifest, nothing else.
  const expected = manifest.resources.map((r) => `dashboard/${r.resource_id}.json`);
  expect(Object.keys(zip).sort()).toEqual(['manifest.json', ...expected].sort());
});

test('an operator exports two workflows, one found by a search, into one workflow.json', async ({
  page,
  signIn,
  expectNoSeriousA11yViolations,
  keepScreenshot,
}) => {
  await signIn('operator');
  const listed = await listedItems(page, '/api/secmaster/workflows');
  const [first, last] = [listed[0], listed.at(-1)];
  if (!first || !last || first.id === last.id) throw new Error('the emulator seeds at least two workflows');
  const workflows = [first, last];
  await page.getByRole('link', { name: 'Export' }).click();
  await page.getByRole('checkbox', { name: `Select workflow ${first.name}`, exact: true }).check();
  // The search goes to SecMaster's name filter; the first pick stays picked though the search hides it.
  await page.getByRole('searchbox', { name: 'Search workflows by name' }).fill(last.name);
  await expect(page.getByRole('checkbox', { name: `Select workflow ${first.name}`, exact: true })).toBeHidden();
  await page.getByRole('checkbox', { name: `Select workflow ${last.name}`, exact: true }).check();
  await expect(page.getByText('2 workflows picked')).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export 2 workflows' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('workflow.json');
  await expect(page.getByText(/Saved as workflow\.json/)).toBeVisible();
  await expectNoSeriousA11yViolations();
  await keepScreenshot('export-workflows');

  const doc = JSON.parse(await readFile(await download.path(), 'utf8')) as {
    workflows: { workflow: { id: string; name: string } }[];
  };
  expect(doc.workflows.map((w) => w.workflow.id).sort()).toEqual(workflows.map((w) => w.id).sort());
});

test('an export cut mid-stream shows a failure and saves no file', async ({
  page,
  request,
  emulatorUrl,
  signIn,
  expectNoSeriousA11yViolations,
  keepScreenshot,
}) => {
  await signIn('operator');
  const [dashboard] = await listedItems(page, '/api/insight/resources?type=dashboard&limit=20');
  await page.getByRole('link', { name: 'Export' }).click();
  await pickDashboards(page, [dashboard!.name]);
  await page.getByLabel('Package name').fill('e2e cut');
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  // A large padded file, cut well before its end.
  await setFaults(request, emulatorUrl, {
    largeFileBytes: 4_000_000,
    cutStreamAfterBytes: 200_000,
  });

  await page.getByRole('button', { name: 'Export package' }).click();
  await expect(page.getByRole('alert')).toContainText('The download was cut off before the end; nothing was saved.');
  await expect(page.getByRole('button', { name: 'Export package' })).toBeEnabled();
  expect(downloads).toEqual([]);
  await expectNoSeriousA11yViolations();
  await keepScreenshot('export-cut');
});
