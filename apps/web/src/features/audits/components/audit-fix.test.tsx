import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeBff } from '../../../testing/fake-bff';
import { installFakeAudits } from '../../../testing/fake-bff-audits';
import { renderApp } from '../../../testing/render-app';
import { auditRow } from '../testing/audit-rows';
import { scenarioRows, storedAudit } from '../testing/audit-scenario';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const finding = {
  rule_id: 'no-ds-use',
  kind: 'must_be_off' as const,
  switch: 'use' as const,
  message: 'use must be off',
};

async function openStored(roles: ('admin' | 'auditor')[]) {
  const fake = installFakeBff({ roles });
  const rows = [
    ...scenarioRows(),
    auditRow({
      resource_id: 'ds-3',
      name: 'Refunds',
      switches: { use: true, edit: true },
      compliance: 'non_compliant',
      findings: [finding],
    }),
  ];
  const audits = installFakeAudits(fake, {
    rows: [],
    audits: [storedAudit('aud-old', rows, '2026-01-01T00:00:00.000Z')],
  });
  const app = renderApp('/audit?ws=ws-default');
  await app.user.click(await screen.findByRole('button', { name: /Audit of .* by demo-admin/ }, { timeout: 5000 }));
  await screen.findByRole('table', { name: 'Summary by type' });
  return { fake, audits, app };
}

describe('bulk fix', () => {
  it('confirms every change, reports successes and failures, and undoes in one click', async () => {
    const { fake, audits, app } = await openStored(['admin']);
    audits.failSaves.add('dataset:ds-3');
    await app.user.selectOptions(screen.getByLabelText('Finding'), 'non_compliant');
    expect(screen.getByText('2 of 4 rows shown')).toBeInTheDocument();
    await app.user.click(screen.getByRole('button', { name: 'Select shown non-compliant rows' }));
    await app.user.click(screen.getByRole('button', { name: 'Review fix of 2 rows' }));
    const dialog = await screen.findByRole('dialog', { name: 'Apply the policy: 2 changes' });
    const changes = within(dialog).getByRole('list', { name: 'Changes to apply' });
    expect(
      within(changes)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Orders (dataset:ds-1): use: on → off — no-ds-use',
      'Refunds (dataset:ds-3): use: on → off — no-ds-use',
    ]);
    expect(fake.requestsTo('POST', '/api/audits/aud-old/fix')[0]?.body).toMatchObject({ dry_run: true });
    await app.user.click(within(dialog).getByRole('button', { name: 'Apply 2 changes' }));
    expect(await screen.findByText('Fix done: 1 succeeded, 1 failed.')).toBeInTheDocument();
    expect(
      screen.getByText(/Refunds: conflict changed by bob since the audit \(Request ID: up-ds-3\)/),
    ).toBeInTheDocument();
    expect(fake.requestsTo('POST', '/api/audits/aud-old/fix')[1]?.body).toEqual({
      resources: [
        { resource_type: 'dataset', resource_id: 'ds-1' },
        { resource_type: 'dataset', resource_id: 'ds-3' },
      ],
      dry_run: false,
      policy_version: 0,
    });
    await app.user.click(screen.getByRole('button', { name: 'Undo this fix' }));
    expect(await screen.findByText('Undo done: 1 succeeded, 0 failed.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Undo this fix' })).not.toBeInTheDocument();
  });

  /** Selects the non-compliant rows, confirms the fix and waits for its report. */
  async function fixNonCompliant(app: Awaited<ReturnType<typeof openStored>>['app']) {
    await app.user.selectOptions(screen.getByLabelText('Finding'), 'non_compliant');
    await app.user.click(screen.getByRole('button', { name: 'Select shown non-compliant rows' }));
    await app.user.click(screen.getByRole('button', { name: 'Review fix of 2 rows' }));
    const dialog = await screen.findByRole('dialog', { name: 'Apply the policy: 2 changes' });
    await app.user.click(within(dialog).getByRole('button', { name: 'Apply 2 changes' }));
    expect(await screen.findByText('Fix done: 2 succeeded, 0 failed.')).toBeInTheDocument();
  }

  it('says when the record of a fix waits for the database, and shows why its undo is refused meanwhile', async () => {
    const { audits, app } = await openStored(['admin']);
    audits.recordState = 'queued';
    await fixNonCompliant(app);
    expect(screen.getByText(/the record of this fix is kept and will be written when it is back/)).toBeInTheDocument();
    await app.user.click(screen.getByRole('button', { name: 'Undo this fix' }));
    expect(await screen.findByText(/The record of fix fix-1 is waiting for the database/)).toBeInTheDocument();
    expect(screen.queryByText(/Undo done/)).not.toBeInTheDocument();
  });

  it('offers no one-click undo when the record of a fix was lost, and says where its saves are', async () => {
    const { audits, app } = await openStored(['admin']);
    audits.recordState = 'lost';
    await fixNonCompliant(app);
    expect(screen.getByText(/The record of this fix could not be written/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Undo this fix' })).not.toBeInTheDocument();
  });

  it('says nothing of the record when it was written', async () => {
    const { app } = await openStored(['admin']);
    await fixNonCompliant(app);
    expect(screen.queryByText(/record of this fix/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Undo this fix' })).toBeInTheDocument();
  });

  it('lets auditors read and filter but not fix or edit the policy', async () => {
    const { app } = await openStored(['auditor']);
    expect(screen.queryByRole('checkbox', { name: /Select Orders/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Review fix/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add rule' })).not.toBeInTheDocument();
    expect(screen.getByText('Only admins can change the policy.')).toBeInTheDocument();
    await app.user.type(screen.getByLabelText('Search name or ID'), 'refu');
    expect(await screen.findByText('1 of 4 rows shown')).toBeInTheDocument();
  });
});
