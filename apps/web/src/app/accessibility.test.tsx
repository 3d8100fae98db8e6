import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assetPackageFile } from '../testing/asset-zip';
import { seriousAxeViolations } from '../testing/axe';
import { installFakeBff } from '../testing/fake-bff';
import { installFakeAudits } from '../testing/fake-bff-audits';
import { renderApp } from '../testing/render-app';

afterEach(() => vi.unstubAllGlobals());

describe('every screen has no serious or critical axe violations', () => {
  it('sign in, with an error shown', async () => {
    installFakeBff({ signedIn: false });
    const app = renderApp('/sign-in?expired=1');
    await app.user.click(await screen.findByRole('button', { name: 'Sign in' }));
    await screen.findByText('Enter the account (domain) name');
    expect(await seriousAxeViolations()).toEqual([]);
  });

  it('resources with a permission panel open', async () => {
    installFakeBff();
    renderApp('/resources?ws=ws-default&open=dashboard:dash-00001&sel=dashboard:dash-00001');
    await screen.findByRole('switch', { name: 'Collaborators can export' });
    await screen.findByRole('checkbox', { name: 'Select Sales dashboard 00001' });
    expect(await seriousAxeViolations()).toEqual([]);
  });

  it('resources, ID entry for a type without a list API', async () => {
    installFakeBff();
    renderApp('/resources?ws=ws-default&type=portal');
    await screen.findByLabelText('Resource ID');
    expect(await seriousAxeViolations()).toEqual([]);
  });

  it('export', async () => {
    installFakeBff();
    renderApp('/export?ws=ws-default&sel=dashboard:dash-00001');
    await screen.findByRole('checkbox', { name: 'Select workflow Block IP' });
    expect(await seriousAxeViolations()).toEqual([]);
  });

  it('import with a package previewed', async () => {
    installFakeBff();
    const app = renderApp('/import?ws=ws-default');
    await app.user.upload(await screen.findByLabelText('Asset package file'), assetPackageFile('ok.zip'));
    await screen.findByRole('button', { name: 'Upload and import' });
    expect(await seriousAxeViolations()).toEqual([]);
  });

  it('activity and audit', async () => {
    // Only admins and auditors have the Audit screen (and its link).
    installFakeAudits(installFakeBff({ roles: ['admin'] }), { rows: [] });
    const app = renderApp('/activity?ws=ws-default');
    await screen.findByRole('table');
    expect(await seriousAxeViolations()).toEqual([]);
    await app.user.click(screen.getByRole('link', { name: 'Audit' }));
    await screen.findByRole('link', { name: 'Audit', current: 'page' });
    expect(await seriousAxeViolations()).toEqual([]);
  });
});
