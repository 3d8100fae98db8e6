import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { seriousAxeViolations } from '../../../testing/axe';
import { installFakeBff } from '../../../testing/fake-bff';
import { holdAfter, installFakeAudits } from '../../../testing/fake-bff-audits';
import { renderApp } from '../../../testing/render-app';
import { bffError } from '../../../testing/responses';
import { scenarioRows } from '../testing/audit-scenario';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('running an audit', () => {
  it('shows rows and progress while the sweep runs, then the stored audit with its failed reads', async () => {
    const fake = installFakeBff({ roles: ['admin'] });
    const audits = installFakeAudits(fake, { rows: scenarioRows() });
    holdAfter(audits, 1);
    const app = renderApp('/audit?ws=ws-default');
    await app.user.click(await screen.findByRole('checkbox', { name: 'Datasets' }));
    await app.user.click(screen.getByRole('button', { name: 'Run audit' }));
    expect(await screen.findByText('1 of 3 resources read')).toBeInTheDocument();
    expect(await screen.findByRole('cell', { name: 'Orders' })).toBeInTheDocument();
    expect(fake.requestsTo('POST', '/api/audits')[0]?.body).toEqual({
      workspace_id: 'ws-default',
      resource_types: ['dataset'],
      extra_resources: [],
    });
    audits.gate?.release();
    expect(
      await screen.findByText('Audit finished: 3 resources, 1 non-compliant, 1 failed reads.'),
    ).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: /Audit of .* by demo-admin/ })).toBeInTheDocument();
    expect(screen.getByText(/policy version \d+ · types Datasets$/)).toBeInTheDocument();
    const failed = screen.getByRole('heading', { name: '1 read failed' }).parentElement as HTMLElement;
    expect(
      within(failed).getByText(/dashboard:db-9 — DLI.0999 Service busy \(Request ID: up-db-9\)/),
    ).toBeInTheDocument();
  });

  it('cancels a running audit through the BFF', async () => {
    const fake = installFakeBff({ roles: ['auditor'] });
    const audits = installFakeAudits(fake, { rows: scenarioRows() });
    holdAfter(audits, 1);
    const app = renderApp('/audit?ws=ws-default');
    await app.user.click(await screen.findByRole('button', { name: 'Run audit' }));
    await screen.findByText('1 of 3 resources read');
    await app.user.click(screen.getByRole('button', { name: 'Cancel audit' }));
    expect(await screen.findByText('Audit cancelled after 1 of 3 resources.')).toBeInTheDocument();
    expect(fake.requestsTo('POST', '/api/audits/aud-1/cancel')).toHaveLength(1);
  });

  it('sends extra IDs for unlisted types and refuses lines it cannot read', async () => {
    const fake = installFakeBff({ roles: ['admin'] });
    installFakeAudits(fake, { rows: [] });
    const app = renderApp('/audit?ws=ws-default');
    const extra = await screen.findByLabelText('Extra resource IDs');
    await app.user.type(extra, 'portal:p-1{enter}nonsense');
    await app.user.click(screen.getByRole('button', { name: 'Run audit' }));
    expect(await screen.findByText(/Cannot read: nonsense/)).toBeInTheDocument();
    expect(fake.requestsTo('POST', '/api/audits')).toHaveLength(0);
    await app.user.clear(extra);
    await app.user.type(extra, 'portal:p-1');
    await app.user.click(screen.getByRole('button', { name: 'Run audit' }));
    await screen.findByText(/Audit finished/);
    expect(fake.requestsTo('POST', '/api/audits')[0]?.body).toMatchObject({
      extra_resources: [{ resource_type: 'portal', resource_id: 'p-1' }],
    });
  });

  it('shows the BFF refusal with its code and request id', async () => {
    const fake = installFakeBff({ roles: ['admin'] });
    // Registered first, so it answers before the standing audit routes.
    fake.override('POST', '/api/audits', () => bffError(403, 'forbidden', 'Your role does not allow this.'));
    installFakeAudits(fake, { rows: [] });
    const app = renderApp('/audit?ws=ws-default');
    await app.user.click(await screen.findByRole('button', { name: 'Run audit' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('forbidden');
    expect(alert).toHaveTextContent(/req-\d+/);
  });

  it('names a type whose list failed, and a stream cut before its end', async () => {
    const fake = installFakeBff({ roles: ['admin'] });
    const started = {
      type: 'started',
      audit_id: 'aud-x',
      total: 2,
      enumeration_errors: [
        {
          resource_type: 'dashboard',
          error: { status: 503, code: 'DLI.0999', message: 'busy', request_id: 'up-list' },
        },
      ],
    };
    fake.override(
      'POST',
      '/api/audits',
      () => new Response(`${JSON.stringify(started)}\n`, { headers: { 'content-type': 'application/x-ndjson' } }),
    );
    installFakeAudits(fake, { rows: [] });
    const app = renderApp('/audit?ws=ws-default');
    await app.user.click(await screen.findByRole('button', { name: 'Run audit' }));
    expect(await screen.findByText('Could not list Dashboards')).toBeInTheDocument();
    expect(screen.getByText('DLI.0999: busy (up-list)')).toBeInTheDocument();
    expect(screen.getByText('stream ended early')).toBeInTheDocument();
  });

  it('keeps operators out with a clear message', async () => {
    installFakeBff({ roles: ['operator'] });
    renderApp('/audit?ws=ws-default');
    expect(await screen.findByText('Your role does not allow this.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Run audit' })).not.toBeInTheDocument();
  });

  it('has no serious axe violations with results shown', async () => {
    const fake = installFakeBff({ roles: ['admin'] });
    installFakeAudits(fake, { rows: scenarioRows() });
    const app = renderApp('/audit?ws=ws-default');
    await app.user.click(await screen.findByRole('button', { name: 'Run audit' }));
    await screen.findByRole('heading', { name: /Audit of/ });
    expect(await seriousAxeViolations()).toEqual([]);
  });
});
