import { readFile } from 'node:fs/promises';
import { demo } from '@portico/emulator';
import { expect, test, type Page } from '../support/fixtures';

const auditUrl = `/audit?ws=${demo.insightWorkspaceId}`;

/** Runs an audit of the workspace's datasets from the Audit screen and waits for it to end. */
async function auditDatasets(page: Page): Promise<string> {
  const types = page.getByRole('group', { name: /Resource types/ });
  const datasets = page.getByRole('checkbox', { name: 'Datasets', exact: true });
  if (!(await datasets.isChecked())) await datasets.check();
  await expect(types).toBeVisible();
  await page.getByRole('button', { name: 'Run audit' }).click();
  const status = page.getByRole('status').filter({ hasText: /^Audit finished/ });
  await expect(status).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: /^Audit of .* by demo-/ })).toBeVisible();
  return (await status.textContent()) ?? '';
}

/** Clicks a download button and returns the saved file's name and text. */
async function download(page: Page, name: string): Promise<{ filename: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  const path = await file.path();
  return { filename: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}

test('an admin audits datasets, fixes the findings in bulk, re-audits, sees the drift and keeps the evidence', async ({
  page,
  signIn,
  expectNoSeriousA11yViolations,
  keepScreenshot,
}) => {
  test.setTimeout(120_000);
  await signIn('admin');
  await page.goto(auditUrl);
  // The provider gives datasets no `export` switch: `use` is what lets collaborators take a
  // dataset's data (edit turns on "export (or use)"), so the rule is on `use`.
  await page.getByRole('combobox', { name: 'Rule' }).selectOption('must_be_off');
  const addForm = page.getByRole('form', { name: 'Add a policy rule' });
  await addForm.getByRole('combobox', { name: 'Type' }).selectOption('dataset');
  await addForm.getByRole('combobox', { name: 'Switch' }).selectOption('use');
  await page.getByRole('button', { name: 'Add rule' }).click();
  await expect(
    page.getByRole('list', { name: 'Policy rules' }).getByText('No Datasets may have use on').first(),
  ).toBeVisible();

  const first = await auditDatasets(page);
  const found = Number(/(\d+) non-compliant/.exec(first)?.[1]);
  expect(found).toBeGreaterThan(0);
  await page.getByRole('combobox', { name: 'Finding' }).selectOption('non_compliant');
  await expect(page.getByText(new RegExp(`^${found} of \\d+ rows shown$`))).toBeVisible();
  await expectNoSeriousA11yViolations();
  await keepScreenshot('audit-findings');

  await page.getByRole('button', { name: 'Select shown non-compliant rows' }).click();
  await page.getByRole('button', { name: new RegExp(`^Review fix of ${found} rows?$`) }).click();
  const dialog = page.getByRole('dialog', { name: /^Apply the policy/ });
  await expect(dialog.getByRole('list', { name: 'Changes to apply' }).getByRole('listitem')).toHaveCount(found);
  await expect(dialog.getByRole('listitem').first()).toContainText('use: on → off');
  await dialog.getByRole('button', { name: /^Apply \d+ changes?$/ }).click();
  await expect(page.getByText(`Fix done: ${found} succeeded, 0 failed.`)).toBeVisible({ timeout: 30_000 });

  const second = await auditDatasets(page);
  expect(second).toContain(' 0 non-compliant');

  // The two newest audits: the fix's before and after.
  const compare = page.getByRole('checkbox', { name: /^Compare Audit of/ });
  await compare.nth(0).check();
  await compare.nth(1).check();
  const turnedOff = page.getByRole('heading', { name: /switch(es)? turned off$/ });
  await expect(turnedOff).toBeVisible();
  expect(Number(/^(\d+)/.exec((await turnedOff.textContent()) ?? '')?.[1])).toBeGreaterThanOrEqual(found);
  await expect(page.getByText(/— use — by demo-admin/).first()).toBeVisible();

  const auditCsv = await download(page, 'Download audit CSV');
  expect(auditCsv.filename).toMatch(/^audit-.+\.csv$/);
  expect(auditCsv.text.split('\n')[0]).toMatch(
    /^workspace_id,project_id,audit_id,run_by,run_at,policy_version,resource_type/,
  );
  expect(auditCsv.text).toContain(demo.insightWorkspaceId);
  const auditJson = JSON.parse((await download(page, 'Download audit JSON')).text) as {
    metadata: {
      kind: string;
      workspace_id: string;
      run_by: string;
      policy_version: number;
      non_compliant_count: number;
    };
    rows: unknown[];
  };
  expect(auditJson.metadata).toMatchObject({
    kind: 'portico.permission-audit',
    workspace_id: demo.insightWorkspaceId,
    run_by: 'demo-admin',
    non_compliant_count: 0,
  });
  expect(auditJson.metadata.policy_version).toBeGreaterThan(0);
  expect(auditJson.rows.length).toBeGreaterThan(0);

  const driftCsv = await download(page, 'Download drift CSV');
  expect(driftCsv.filename).toMatch(/^drift-.+\.csv$/);
  expect(driftCsv.text).toContain(demo.insightWorkspaceId);
  expect(driftCsv.text).toContain('use');
  const driftJson = JSON.parse((await download(page, 'Download drift JSON')).text) as {
    metadata: { kind: string; workspace_id: string; from: { audit_id: string }; to: { audit_id: string } };
  };
  expect(driftJson.metadata).toMatchObject({ kind: 'portico.permission-drift', workspace_id: demo.insightWorkspaceId });
  expect(driftJson.metadata.from.audit_id).not.toBe(driftJson.metadata.to.audit_id);
  await keepScreenshot('audit-drift');

  // Later, from the activity log: the fix is undone in one click (after its confirmation).
  await page.getByRole('navigation').getByRole('link', { name: 'Activity' }).click();
  await page.getByRole('combobox', { name: 'Operation' }).selectOption('audit.fix');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByRole('table').getByText('use: on → off').first()).toBeVisible();
  await page
    .getByRole('button', { name: /^Undo the bulk fix that changed / })
    .first()
    .click();
  const undo = page.getByRole('dialog', { name: /^Undo the bulk fix/ });
  await expect(undo.getByRole('list', { name: 'Changes to revert' }).getByRole('listitem')).toHaveCount(found);
  await expectNoSeriousA11yViolations();
  await undo.getByRole('button', { name: /^Revert \d+ changes?$/ }).click();
  await expect(page.getByText(`Undo done: ${found} succeeded, 0 failed.`)).toBeVisible({ timeout: 30_000 });
  await page.goto(auditUrl);
  const third = await auditDatasets(page);
  expect(third).toContain(` ${found} non-compliant`);
});

test('an auditor can audit but not fix or change the policy', async ({ page, signIn }) => {
  await signIn('auditor');
  await page.goto(auditUrl);
  await auditDatasets(page);
  await expect(page.getByRole('button', { name: /Review fix/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add rule' })).toHaveCount(0);
  await expect(page.getByText('Only admins can change the policy.')).toBeVisible();
  // The BFF refuses anyway, whatever the page shows.
  const session = (await (await page.request.get('/api/session')).json()) as { csrf_token: string };
  const list = (await (await page.request.get(`/api/audits?workspace_id=${demo.insightWorkspaceId}`)).json()) as {
    items: { id: string }[];
  };
  const id = list.items[0]?.id ?? 'none';
  const fix = await page.request.post(`/api/audits/${id}/fix`, {
    headers: { 'x-csrf-token': session.csrf_token },
    data: { resources: [{ resource_type: 'dataset', resource_id: 'x' }], dry_run: true },
  });
  expect(fix.status()).toBe(403);
});

test('an operator sees no Audit entry and is told so at its URL', async ({ page, signIn }) => {
  await signIn('operator');
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Audit' })).toHaveCount(0);
  await page.goto(auditUrl);
  await expect(page.getByText('Your role does not allow this.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run audit' })).toHaveCount(0);
  expect((await page.request.get('/api/audits')).status()).toBe(403);
});
