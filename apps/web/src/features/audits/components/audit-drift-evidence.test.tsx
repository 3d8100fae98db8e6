import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { blobText, captureDownloads } from '../../../testing/capture-downloads';
import { installFakeBff } from '../../../testing/fake-bff';
import { installFakeAudits } from '../../../testing/fake-bff-audits';
import { renderApp } from '../../../testing/render-app';
import { auditRow } from '../testing/audit-rows';
import { storedAudit } from '../testing/audit-scenario';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function twoAudits() {
  const fake = installFakeBff({ roles: ['auditor'] });
  const before = [auditRow({ resource_id: 'ds-1', name: 'Orders', switches: { use: true, edit: false } })];
  const after = [
    auditRow({
      resource_id: 'ds-1',
      name: 'Orders',
      switches: { use: false, edit: false },
      update_user_name: 'demo-admin',
    }),
    auditRow({ resource_id: 'ds-7', name: 'Returns' }),
  ];
  installFakeAudits(fake, {
    rows: [],
    audits: [
      storedAudit('aud-a', before, '2026-01-01T00:00:00.000Z'),
      storedAudit('aud-b', after, '2026-01-02T00:00:00.000Z'),
    ],
  });
  return { fake, app: renderApp('/audit?ws=ws-default') };
}

describe('drift and evidence', () => {
  it('compares two audits oldest to newest and downloads the drift as CSV and JSON', async () => {
    const { fake, app } = twoAudits();
    const saved = captureDownloads();
    // Ticked newest first: the pair is still read from the older audit to the newer.
    for (const box of await screen.findAllByRole('checkbox', { name: /^Compare Audit of/ }, { timeout: 5000 }))
      await app.user.click(box);
    expect(await screen.findByRole('heading', { name: '1 switch turned off' })).toBeInTheDocument();
    expect(screen.getByText(/Orders \(dataset\) — use — by demo-admin/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '1 resource added' })).toBeInTheDocument();
    expect(fake.requestsTo('GET', '/api/audits/drift')[0]?.url.search).toBe('?from=aud-a&to=aud-b');
    await app.user.click(screen.getByRole('button', { name: 'Download drift CSV' }));
    await screen.findByText(/Saved as drift-aud-a-aud-b.csv/);
    await app.user.click(screen.getByRole('button', { name: 'Download drift JSON' }));
    await screen.findByText(/Saved as drift-aud-a-aud-b.json/);
    expect(saved.map((s) => s.filename)).toEqual(['drift-aud-a-aud-b.csv', 'drift-aud-a-aud-b.json']);
  });

  it('lists 50 audits at a time, and an older one fetched on request can be compared with the newest', async () => {
    const fake = installFakeBff({ roles: ['auditor'] });
    const rows = [auditRow({ resource_id: 'ds-1', name: 'Orders' })];
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString();
    installFakeAudits(fake, {
      rows: [],
      audits: Array.from({ length: 60 }, (_, n) => storedAudit(`aud-${n + 1}`, rows, day(n))),
    });
    const app = renderApp('/audit?ws=ws-default');
    const compare = () => screen.getAllByRole('checkbox', { name: /^Compare Audit of/ });
    await screen.findAllByRole('checkbox', { name: /^Compare Audit of/ }, { timeout: 5000 });
    expect(compare()).toHaveLength(50);
    await app.user.click(compare()[0]!); // the newest, aud-60
    await app.user.click(screen.getByRole('button', { name: 'Show older audits (50 of 60)' }));
    await waitFor(() => expect(compare()).toHaveLength(60));
    expect(screen.queryByRole('button', { name: /Show older audits/ })).not.toBeInTheDocument();
    expect(fake.requestsTo('GET', '/api/audits').map((r) => r.url.searchParams.get('offset'))).toEqual(['0', '50']);
    await app.user.click(compare()[59]!); // the oldest, aud-1
    await waitFor(() =>
      expect(fake.requestsTo('GET', '/api/audits/drift').map((r) => r.url.search)).toEqual(['?from=aud-1&to=aud-60']),
    );
  });

  it('downloads an audit as CSV and JSON under the server names', async () => {
    const { app } = twoAudits();
    const saved = captureDownloads();
    await app.user.click((await screen.findAllByRole('button', { name: /^Audit of/ }, { timeout: 5000 }))[0]!);
    await app.user.click(await screen.findByRole('button', { name: 'Download audit CSV' }));
    await screen.findByText(/Saved as audit-aud-b.csv/);
    await app.user.click(screen.getByRole('button', { name: 'Download audit JSON' }));
    await screen.findByText(/Saved as audit-aud-b.json/);
    expect(saved.map((s) => s.filename)).toEqual(['audit-aud-b.csv', 'audit-aud-b.json']);
    expect(await blobText(saved[0]!.blob)).toContain('dataset:ds-7');
    expect(JSON.parse(await blobText(saved[1]!.blob))).toMatchObject({ audit: { id: 'aud-b' } });
  });
});
