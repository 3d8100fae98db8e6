import { dropFile, freshAssetPackage } from '../support/asset-files';
import { expect, test, type Page } from '../support/fixtures';

const dropTarget = (page: Page) => page.getByText('Drop an asset package (.zip) here');

async function uploadAndWatch(page: Page) {
  await page.getByRole('button', { name: 'Upload and import' }).click();
  await expect(page.getByRole('heading', { name: /^Import job / })).toBeVisible();
}

test('an operator drops an asset ZIP and watches the job succeed', async ({
  page,
  signIn,
  expectNoSeriousA11yViolations,
  keepScreenshot,
}) => {
  await signIn('operator');
  await page.getByRole('link', { name: 'Import' }).click();
  const file = freshAssetPackage();
  await dropFile(page, dropTarget(page), file);
  await expect(page.getByText(file.name)).toBeVisible();
  await expectNoSeriousA11yViolations();
  await uploadAndWatch(page);
  await expect(page.getByText('Succeeded')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('progressbar', { name: 'Job progress' })).toHaveAttribute('aria-valuenow', '100');
  await expectNoSeriousA11yViolations();
  await keepScreenshot('import-succeeded');
});

test('the keyboard file button imports a package too', async ({ page, signIn }) => {
  await signIn('operator');
  await page.getByRole('link', { name: 'Import' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a file' }).focus();
  await page.keyboard.press('Enter');
  await (await chooser).setFiles(freshAssetPackage());
  await uploadAndWatch(page);
  await expect(page.getByText('Succeeded')).toBeVisible({ timeout: 15_000 });
  // The hidden input behind the button takes files directly as well.
  const second = freshAssetPackage();
  await page.getByLabel('Asset package file').setInputFiles(second);
  await expect(page.getByText(second.name)).toBeVisible();
});

test('a file that is not a ZIP is refused with the reason before any upload', async ({
  page,
  signIn,
  expectNoSeriousA11yViolations,
  keepScreenshot,
}) => {
  await signIn('operator');
  await page.getByRole('link', { name: 'Import' }).click();
  const uploads: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/roma/assets/import')) uploads.push(r.url());
  });
  await dropFile(page, dropTarget(page), {
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('hello'),
  });
  await expect(page.getByRole('alert')).toHaveText('notes.txt is not a ZIP archive: the name must end in .zip');
  // A .zip name with other content is refused for what it holds.
  await dropFile(page, dropTarget(page), {
    name: 'fake.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from('hello'),
  });
  await expect(page.getByRole('alert')).toHaveText('fake.zip is not a ZIP archive: the file is not a readable ZIP');
  await expect(page.getByRole('button', { name: 'Upload and import' })).toHaveCount(0);
  expect(uploads).toEqual([]);
  await expectNoSeriousA11yViolations();
  await keepScreenshot('import-refused');
});

test('a second import while one runs says so and offers to watch the first', async ({
  page,
  signIn,
  expectNoSeriousA11yViolations,
  keepScreenshot,
}) => {
  // The admin's own job slot, so that operator journeys are not held up.
  await signIn('admin');
  await page.getByRole('link', { name: 'Import' }).click();
  await page.getByLabel('Asset package file').setInputFiles(freshAssetPackage());
  await uploadAndWatch(page);
  const firstJob = new URL(page.url()).searchParams.get('job');
  expect(firstJob).toBeTruthy();

  // Start over on a clean Import screen while the first job still runs.
  await page.goto('/import');
  await page.getByLabel('Asset package file').setInputFiles(freshAssetPackage());
  await page.getByRole('button', { name: 'Upload and import' }).click();
  const notice = page.getByRole('alert').filter({ hasText: 'Another asset import is still running' });
  await expect(notice).toContainText('Only one can run at a time.');
  await expectNoSeriousA11yViolations();
  await keepScreenshot('import-already-running');

  await notice.getByRole('button', { name: 'Watch the running import' }).click();
  await expect(page.getByRole('heading', { name: `Import job ${firstJob}` })).toBeVisible();
  await expect(page.getByText('Succeeded')).toBeVisible({ timeout: 15_000 });
});
