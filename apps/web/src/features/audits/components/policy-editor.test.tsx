import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeBff } from '../../../testing/fake-bff';
import { installFakeAudits } from '../../../testing/fake-bff-audits';
import { renderApp } from '../../../testing/render-app';
import { bffError } from '../../../testing/responses';

afterEach(() => vi.unstubAllGlobals());

describe('policy editor', () => {
  it('adds and removes rules, sending the version it saw', async () => {
    const fake = installFakeBff({ roles: ['admin'] });
    installFakeAudits(fake, { rows: [] });
    const app = renderApp('/audit?ws=ws-default');
    await screen.findByText('No policy saved yet: every resource is compliant.');
    await app.user.selectOptions(screen.getByRole('combobox', { name: 'Rule' }), 'must_be_off');
    await app.user.selectOptions(
      within(screen.getByRole('form', { name: 'Add a policy rule' })).getByRole('combobox', { name: 'Switch' }),
      'use',
    );
    await app.user.click(screen.getByRole('button', { name: 'Add rule' }));
    const rules = await screen.findByRole('list', { name: 'Policy rules' });
    expect(await within(rules).findByText('No Datasets may have use on')).toBeInTheDocument();
    expect(fake.requestsTo('PUT', '/api/policy')[0]?.body).toMatchObject({
      expected_version: 0,
      rules: [{ kind: 'must_be_off', resource_type: 'dataset', switch: 'use' }],
    });
    expect(screen.getByText(/Version 1, saved by demo-admin/)).toBeInTheDocument();
    await app.user.click(screen.getByRole('button', { name: 'Remove rule: No Datasets may have use on' }));
    await screen.findByText(/Version 2/);
    expect(fake.requestsTo('PUT', '/api/policy')[1]?.body).toMatchObject({ expected_version: 1, rules: [] });
  });

  it('requires owners for an owners-only rule and shows a version conflict', async () => {
    const fake = installFakeBff({ roles: ['admin'] });
    fake.override('PUT', '/api/policy', () =>
      bffError(409, 'conflict', 'The policy is at version 3 now', { field: 'expected_version' }),
    );
    installFakeAudits(fake, { rows: [] });
    const app = renderApp('/audit?ws=ws-default');
    await app.user.selectOptions(await screen.findByRole('combobox', { name: 'Rule' }), 'only_owners');
    await app.user.click(screen.getByRole('button', { name: 'Add rule' }));
    expect(await screen.findByText('Name at least one owner.')).toBeInTheDocument();
    await app.user.type(screen.getByLabelText('Owners (comma-separated)'), 'alice, bob');
    await app.user.click(screen.getByRole('button', { name: 'Add rule' }));
    expect(await screen.findByText('The policy is at version 3 now')).toBeInTheDocument();
  });
});
