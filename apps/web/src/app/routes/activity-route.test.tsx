import type { ActivityEntry, BulkFixAnswer, BulkFixChange } from '@portico/api-types';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeBff, type FakeBff } from '../../testing/fake-bff';
import { bffError, json } from '../../testing/responses';
import { renderApp } from '../../testing/render-app';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const change = (id: string): BulkFixChange => ({
  resource_type: 'dataset',
  resource_id: id,
  name: `Set ${id}`,
  before: { use: false, export: false },
  after: { use: false, export: true },
  rule_ids: ['no-export'],
});

const fixEntry = (id: string, resourceId: string): ActivityEntry => ({
  id,
  at: '2026-11-22T09:00:00.000Z',
  user: 'demo-admin',
  role: 'admin',
  operation: 'audit.fix',
  target: `dataset:${resourceId}`,
  outcome: 'success',
  request_id: `r-${id}`,
  workspace_id: 'ws-default',
  before: { use: false, export: true },
  after: { use: false, export: false },
  details: { fix_id: 'fix-7', audit_id: 'aud-1' },
});

/** An admin's log holding two saves of bulk fix `fix-7`; the fake answers its undo. */
function withFix(fake: FakeBff, undo: (dryRun: boolean) => Response) {
  fake.activity.push(fixEntry('a-3', 'ds-1'), fixEntry('a-4', 'ds-2'));
  fake.override(
    'POST',
    '/api/audits/fix/fix-7/undo',
    (req) => undo((req.body as { dry_run?: boolean }).dry_run === true),
    { once: false },
  );
}

const undoResult = (outcomes: BulkFixAnswer['outcomes']): BulkFixAnswer => ({
  id: 'fix-8',
  audit_id: 'aud-1',
  kind: 'undo',
  undo_of: 'fix-7',
  policy_version: 1,
  run_by: 'demo-admin',
  started_at: '2026-11-22T10:00:00.000Z',
  finished_at: '2026-11-22T10:00:01.000Z',
  succeeded: outcomes.filter((o) => o.status === 'succeeded').length,
  failed: outcomes.filter((o) => o.status === 'failed').length,
  outcomes,
  record: 'written',
});

describe('activity route', () => {
  it('shows what each permission save changed', async () => {
    const fake = installFakeBff({ roles: ['auditor'] });
    withFix(fake, () => bffError(403, 'forbidden', 'Your role does not allow this.'));
    fake.activity.push({
      ...fixEntry('a-5', 'x'),
      operation: 'permissions.save',
      target: 'dashboard:dash-9',
      before: { read: true, edit: true, export: false },
      after: { read: false, edit: false, export: false },
      details: undefined,
    });
    renderApp('/activity?ws=ws-default');
    const table = await screen.findByRole('table');
    const row = within(table).getByRole('row', { name: /dataset:ds-1/ });
    expect(within(row).getByText('export: on → off')).toBeInTheDocument();
    // The read switch reads as its label says ("Collaborators can view").
    const save = within(table).getByRole('row', { name: /dashboard:dash-9/ });
    expect(within(save).getByText('edit: on → off, view: on → off')).toBeInTheDocument();
    // Auditors read the log; undoing a fix is an admin's.
    expect(screen.queryByRole('button', { name: /Undo the bulk fix/ })).not.toBeInTheDocument();
  });

  it('lets an admin undo a bulk fix from one of its entries, after listing what it reverts', async () => {
    const fake = installFakeBff({ roles: ['admin'] });
    withFix(fake, (dryRun) =>
      dryRun
        ? json(200, { fix_id: 'fix-7', changes: [change('ds-1'), change('ds-2')] })
        : json(
            200,
            undoResult([
              { ...change('ds-1'), status: 'succeeded' },
              {
                ...change('ds-2'),
                status: 'failed',
                error: { status: 409, code: 'conflict', message: 'changed by eve since the audit', request_id: 'up-9' },
              },
            ]),
          ),
    );
    const app = renderApp('/activity?ws=ws-default');
    await app.user.click(await screen.findByRole('button', { name: 'Undo the bulk fix that changed dataset:ds-2' }));
    const dialog = await screen.findByRole('dialog', { name: 'Undo the bulk fix: 2 changes to revert' });
    expect(
      within(within(dialog).getByRole('list', { name: 'Changes to revert' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Set ds-1 (dataset:ds-1): export: off → on', 'Set ds-2 (dataset:ds-2): export: off → on']);
    // Nothing is reverted until the admin confirms.
    expect(fake.requestsTo('POST', '/api/audits/fix/fix-7/undo').map((r) => r.body)).toEqual([{ dry_run: true }]);
    expect(within(dialog).getByRole('button', { name: 'Keep the fix' })).toHaveFocus();
    const listedBefore = fake.requestsTo('GET', '/api/activity').length;
    await app.user.click(within(dialog).getByRole('button', { name: 'Revert 2 changes' }));
    expect(await screen.findByText('Undo done: 1 succeeded, 1 failed.')).toBeInTheDocument();
    expect(
      screen.getByText(/Set ds-2: conflict changed by eve since the audit \(Request ID: up-9\)/),
    ).toBeInTheDocument();
    expect(fake.requestsTo('POST', '/api/audits/fix/fix-7/undo').at(-1)?.body).toEqual({});
    // The log is read again so the undo's own entries appear.
    await waitFor(() => expect(fake.requestsTo('GET', '/api/activity').length).toBeGreaterThan(listedBefore));
  });

  it('says so when nothing is left to undo, and keeping the fix changes nothing', async () => {
    const fake = installFakeBff({ roles: ['admin'] });
    let answer = (dryRun: boolean) =>
      dryRun ? json(200, { fix_id: 'fix-7', changes: [change('ds-1')] }) : json(500, {});
    withFix(fake, (dryRun) => answer(dryRun));
    const app = renderApp('/activity?ws=ws-default');
    await app.user.click(await screen.findByRole('button', { name: 'Undo the bulk fix that changed dataset:ds-1' }));
    const dialog = await screen.findByRole('dialog');
    await app.user.click(within(dialog).getByRole('button', { name: 'Keep the fix' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(fake.requestsTo('POST', '/api/audits/fix/fix-7/undo')).toHaveLength(1);

    answer = () => bffError(409, 'conflict', 'Every change of fix fix-7 has already been undone');
    await app.user.click(screen.getByRole('button', { name: 'Undo the bulk fix that changed dataset:ds-1' }));
    expect(await screen.findByText('Every change of fix fix-7 has already been undone')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
