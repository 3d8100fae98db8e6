import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeBff } from '../../../testing/fake-bff';
import { renderApp } from '../../../testing/render-app';
import { bffError } from '../../../testing/responses';

afterEach(() => vi.unstubAllGlobals());

const dashboardUrl = '/resources?ws=ws-default&open=dashboard:dash-00001';

describe('permission switches', () => {
  it('shows every switch of the type, labelled, with who changed it last', async () => {
    installFakeBff();
    renderApp(dashboardUrl);
    const read = await screen.findByRole('switch', { name: 'Collaborators can view' });
    expect(read).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('switch', { name: 'Collaborators can edit' })).toHaveAttribute('aria-checked', 'false');
    expect(screen.getByRole('switch', { name: 'Collaborators can export' })).toHaveAccessibleDescription(
      'Turning this on also turns on: Collaborators can view. Turning this off also turns off: Collaborators can edit.',
    );
    expect(screen.getByText(/Last changed by alice on/)).toBeInTheDocument();
  });

  it('is titled with the name a loaded list page knows, its type and ID under it; with the ID where none does', async () => {
    installFakeBff();
    const app = renderApp(dashboardUrl);
    expect(
      await screen.findByRole('heading', { name: 'Collaboration permissions: Sales dashboard 00001' }),
    ).toBeInTheDocument();
    expect(screen.getByText('dash-00001').parentElement).toHaveTextContent('Dashboards · dash-00001');
    app.unmount();
    // Portals have no list API: the pick is known by its ID only.
    renderApp('/resources?ws=ws-default&type=portal&open=portal:portal-1');
    expect(await screen.findByRole('heading', { name: 'Collaboration permissions: portal-1' })).toBeInTheDocument();
  });

  it('turning edit on turns on what it implies, and saves the whole set with the CSRF token', async () => {
    const fake = installFakeBff();
    const app = renderApp(dashboardUrl);
    await app.user.click(await screen.findByRole('switch', { name: 'Collaborators can edit' }));
    expect(screen.getByRole('switch', { name: 'Collaborators can export' })).toHaveAttribute('aria-checked', 'true');
    await screen.findByText('Saved.');
    const put = fake.requestsTo('PUT', '/api/insight/permissions')[0];
    expect(put?.body).toEqual({
      resource_type: 'dashboard',
      resource_id: 'dash-00001',
      auth_switch_config: { read: true, edit: true, export: true },
      expected_update_date: 1_763_000_000_000,
    });
    expect(put?.headers.get('x-csrf-token')).toBe('csrf-test-token');
    expect(put?.headers.get('x-workspace-id')).toBe('ws-default');
  });

  it('applies a change at once and rolls it back with the error when the save fails', async () => {
    const fake = installFakeBff();
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    fake.override('PUT', '/api/insight/permissions', async () => {
      await held;
      return bffError(502, 'upstream_error', 'DataArts Insight refused the change', {
        upstream: {
          status: 400,
          service: 'insight',
          code: '24010043',
          message: 'No collaboration permission',
          request_id: 'up-77',
        },
      });
    });
    const app = renderApp(dashboardUrl);
    const exportSwitch = await screen.findByRole('switch', { name: 'Collaborators can export' });
    await app.user.click(exportSwitch);
    // Optimistic: on before the server answered.
    expect(exportSwitch).toHaveAttribute('aria-checked', 'true');
    release();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The change was not saved and has been undone.');
    expect(alert).toHaveTextContent('24010043');
    expect(alert).toHaveTextContent('up-77');
    expect(screen.getByRole('switch', { name: 'Collaborators can export' })).toHaveAttribute('aria-checked', 'false');
  });

  it('says who changed the resource since it was loaded, and overwrites only when asked', async () => {
    const fake = installFakeBff();
    const app = renderApp(dashboardUrl);
    await screen.findByRole('switch', { name: 'Collaborators can export' });
    // Someone else saves after our load.
    fake.permissions.set('dashboard/dash-00001', {
      ...fake.permissionsOf('dashboard', 'dash-00001'),
      update_user_name: 'bob',
      update_date: 1_763_500_000_000,
    });
    await app.user.click(screen.getByRole('switch', { name: 'Collaborators can export' }));
    expect(await screen.findByRole('alertdialog')).toHaveTextContent(/Changed by bob at .* since you loaded it/);
    expect(screen.getByRole('switch', { name: 'Collaborators can export' })).toHaveAttribute('aria-checked', 'false');
    await app.user.click(screen.getByRole('button', { name: 'Overwrite with my change' }));
    await screen.findByText('Saved.');
    expect(screen.getByRole('switch', { name: 'Collaborators can export' })).toHaveAttribute('aria-checked', 'true');
    const puts = fake.requestsTo('PUT', '/api/insight/permissions');
    expect(puts.map((p) => (p.body as { expected_update_date: number }).expected_update_date)).toEqual([
      1_763_000_000_000, 1_763_500_000_000,
    ]);
    expect(fake.permissionsOf('dashboard', 'dash-00001').auth_switch_config).toEqual({
      read: true,
      edit: false,
      export: true,
    });
  });

  it('flips from the keyboard and keeps focus on the switch while saving', async () => {
    const fake = installFakeBff();
    const app = renderApp(dashboardUrl);
    const exportSwitch = await screen.findByRole('switch', { name: 'Collaborators can export' });
    exportSwitch.focus();
    await app.user.keyboard(' ');
    expect(exportSwitch).toHaveFocus();
    await screen.findByText('Saved.');
    expect(exportSwitch).toHaveAttribute('aria-checked', 'true');
    expect(fake.requestsTo('PUT', '/api/insight/permissions')).toHaveLength(1);
  });

  it('persists: a reload shows the saved switch', async () => {
    installFakeBff();
    const first = renderApp(dashboardUrl);
    await first.user.click(await screen.findByRole('switch', { name: 'Collaborators can export' }));
    await screen.findByText('Saved.');
    first.unmount();
    renderApp(dashboardUrl);
    await waitFor(() =>
      expect(screen.getByRole('switch', { name: 'Collaborators can export' })).toHaveAttribute('aria-checked', 'true'),
    );
  });

  it('shows auditors the switches read-only', async () => {
    const fake = installFakeBff({ roles: ['auditor'] });
    const app = renderApp(dashboardUrl);
    const read = await screen.findByRole('switch', { name: 'Collaborators can view' });
    expect(read).toBeDisabled();
    expect(screen.getByText('Your role can read these switches but not change them.')).toBeInTheDocument();
    await app.user.click(read);
    expect(fake.requestsTo('PUT', '/api/insight/permissions')).toHaveLength(0);
  });
});
