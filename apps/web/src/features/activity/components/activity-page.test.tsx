import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { blobText, captureDownloads } from '../../../testing/capture-downloads';
import { installFakeBff } from '../../../testing/fake-bff';
import { renderApp } from '../../../testing/render-app';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('activity', () => {
  it('lists entries and filters them on the server, keeping filters in the URL', async () => {
    const fake = installFakeBff();
    const app = renderApp('/activity?ws=ws-default');
    const table = await screen.findByRole('table');
    expect(within(table).getByText('alice')).toBeInTheDocument();
    expect(within(table).getByText('r-a2')).toBeInTheDocument();
    await app.user.selectOptions(screen.getByLabelText('Operation'), 'workflows.export');
    await app.user.type(screen.getByLabelText('User'), 'bob');
    await app.user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(within(screen.getByRole('table')).queryByText('alice')).not.toBeInTheDocument());
    expect(app.searchParams().get('operation')).toBe('workflows.export');
    const last = fake.requestsTo('GET', '/api/activity').at(-1);
    expect(last?.url.searchParams.get('user')).toBe('bob');
    expect(last?.url.searchParams.get('operation')).toBe('workflows.export');
    await app.user.click(screen.getByRole('button', { name: 'Reset' }));
    expect(await within(screen.getByRole('table')).findByText('alice')).toBeInTheDocument();
  });

  it('names how many filters are applied on the button that unfolds them in a narrow window', async () => {
    installFakeBff();
    const app = renderApp('/activity?ws=ws-default');
    await screen.findByRole('table');
    const toggle = screen.getByRole('button', { name: 'Filters' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveAttribute('aria-controls', screen.getByRole('form', { name: 'Filters' }).id);
    await app.user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await app.user.selectOptions(screen.getByLabelText('Operation'), 'workflows.export');
    await app.user.type(screen.getByLabelText('User'), 'bob');
    await app.user.click(screen.getByRole('button', { name: 'Apply filters' }));
    // Applied, they fold away so the entries show; the button says two are in force.
    const folded = await screen.findByRole('button', { name: 'Filters (2 applied)' });
    expect(folded).toHaveAttribute('aria-expanded', 'false');
    await app.user.click(folded);
    await app.user.click(screen.getByRole('button', { name: 'Reset' }));
    expect(await screen.findByRole('button', { name: 'Filters' })).toHaveAttribute('aria-expanded', 'false');
  });

  it('shows an entry whose outcome is not known yet as pending, and filters on it', async () => {
    const fake = installFakeBff();
    fake.activity.push({
      id: 'a-pending',
      at: '2026-11-22T10:00:00.000Z',
      user: 'carol',
      operation: 'assets.import',
      target: 'assets-9.zip',
      outcome: 'pending',
      request_id: 'r-p1',
    });
    const app = renderApp('/activity?ws=ws-default');
    const table = await screen.findByRole('table');
    const row = within(table).getByText('assets-9.zip').closest('tr');
    if (!row) throw new Error('no row for the pending entry');
    expect(within(row).getByText('Pending — outcome not yet known')).toBeInTheDocument();
    expect(within(row).queryByText('Success')).not.toBeInTheDocument();

    const outcome = screen.getByLabelText('Outcome');
    expect(
      within(outcome)
        .getAllByRole('option')
        .map((o) => o.getAttribute('value')),
    ).toEqual(['', 'success', 'failure', 'pending']);
    await app.user.selectOptions(outcome, 'pending');
    await app.user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(within(screen.getByRole('table')).queryByText('alice')).not.toBeInTheDocument());
    expect(app.searchParams().get('outcome')).toBe('pending');
    expect(fake.requestsTo('GET', '/api/activity').at(-1)?.url.searchParams.get('outcome')).toBe('pending');
    expect(within(screen.getByRole('table')).getByText('carol')).toBeInTheDocument();
  });

  it('sends date filters as ISO instants', async () => {
    const fake = installFakeBff();
    const app = renderApp('/activity?ws=ws-default');
    await screen.findByRole('table');
    await app.user.type(screen.getByLabelText('From'), '2026-11-21T00:00');
    await app.user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() =>
      expect(fake.requestsTo('GET', '/api/activity').at(-1)?.url.searchParams.get('from')).toBe(
        new Date('2026-11-21T00:00').toISOString(),
      ),
    );
  });

  it('downloads the filtered log as CSV', async () => {
    const fake = installFakeBff();
    const saved = captureDownloads();
    const app = renderApp('/activity?ws=ws-default&outcome=failure');
    await screen.findByRole('table');
    await app.user.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect(await screen.findByText(/Saved as activity.csv/)).toBeInTheDocument();
    expect(fake.requestsTo('GET', '/api/activity.csv')[0]?.url.searchParams.get('outcome')).toBe('failure');
    const text = await blobText(saved[0]!.blob);
    expect(text).toContain('bob');
    expect(text).not.toContain('alice');
  });
});
