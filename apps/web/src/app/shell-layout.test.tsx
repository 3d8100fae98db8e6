import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeBff } from '../testing/fake-bff';
import { renderApp } from '../testing/render-app';

afterEach(() => vi.unstubAllGlobals());

describe('shell', () => {
  it('shows the user and role, and puts the default workspace in the URL', async () => {
    installFakeBff({ roles: ['admin'] });
    const app = renderApp('/');
    expect(await screen.findByText('Signed in as operator (demo)')).toBeInTheDocument();
    expect(screen.getByText('Role: admin')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['Resources', 'Export', 'Import', 'Audit', 'Activity']);
    await waitFor(() => expect(app.searchParams().get('ws')).toBe('ws-default'));
    await waitFor(() => expect(app.location().pathname).toBe('/resources'));
  });

  it.each(['/', '/no-such-screen?ws=ws-finance'])('sends %s to Resources without a warning', async (path) => {
    const warn = vi.spyOn(console, 'warn');
    installFakeBff();
    const app = renderApp(path);
    await waitFor(() => expect(app.location().pathname).toBe('/resources'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Resources' })).toBeInTheDocument();
    if (path.includes('?')) expect(app.searchParams().get('ws')).toBe('ws-finance');
    // React Router warns of a matched route that renders nothing, even when its loader redirects.
    expect(warn.mock.calls.flat().join('\n')).not.toMatch(/does not have an element/);
    warn.mockRestore();
  });

  it('keeps the picked workspace across navigation and reloads, and sends it upstream', async () => {
    const fake = installFakeBff();
    const first = renderApp('/resources?sel=dashboard:dash-00001&open=dashboard:dash-00001');
    const picker = await screen.findByLabelText('DataArts Insight workspace');
    await waitFor(() => expect(picker).toHaveValue('ws-default'));
    await first.user.selectOptions(picker, 'ws-finance');
    expect(first.searchParams().get('ws')).toBe('ws-finance');
    // Picks from the old workspace do not follow into the new one.
    expect(first.searchParams().get('sel')).toBeNull();
    expect(first.searchParams().get('open')).toBeNull();
    await first.user.click(screen.getByRole('link', { name: 'Export' }));
    await waitFor(() => expect(first.location().pathname).toBe('/export'));
    expect(first.searchParams().get('ws')).toBe('ws-finance');
    first.unmount();
    // A fresh load without ?ws= comes back to the workspace last used.
    const second = renderApp('/resources');
    await waitFor(() => expect(second.searchParams().get('ws')).toBe('ws-finance'));
    await screen.findByRole('checkbox', { name: 'Select Sales dashboard 00001' });
    expect(fake.requestsTo('GET', '/api/insight/resources').at(-1)?.headers.get('x-workspace-id')).toBe('ws-finance');
  });

  it('hides operations from auditors, and signs out', async () => {
    const fake = installFakeBff({ roles: ['auditor'] });
    const app = renderApp('/import?ws=ws-default');
    expect(await screen.findByText('Your role does not allow this.')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['Resources', 'Audit', 'Activity']);
    await app.user.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(app.location().pathname).toBe('/sign-in'));
    expect(fake.session).toBeUndefined();
  });
});
