import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeBff } from '../../../testing/fake-bff';
import { renderApp } from '../../../testing/render-app';

afterEach(() => vi.unstubAllGlobals());

const listCalls = (fake: ReturnType<typeof installFakeBff>) =>
  fake.requestsTo('GET', '/api/insight/resources').map((r) => Object.fromEntries(r.url.searchParams));

describe('resource picker', () => {
  it('searches on the server once typing pauses, and keeps the search in the URL', async () => {
    const fake = installFakeBff();
    const app = renderApp('/resources?ws=ws-default');
    expect(await screen.findByRole('button', { name: 'Open Sales dashboard 00001' })).toBeInTheDocument();
    const before = listCalls(fake).length;
    await app.user.type(screen.getByRole('searchbox', { name: 'Search by name' }), '00042');
    // Five keystrokes, one request: the debounce holds back the rest.
    await screen.findByRole('button', { name: 'Open Sales dashboard 00042' });
    const searches = listCalls(fake).slice(before);
    expect(searches).toEqual([expect.objectContaining({ type: 'dashboard', search: '00042', offset: '0' })]);
    expect(app.searchParams().get('q')).toBe('00042');
    expect(screen.getByText('1 resource')).toBeInTheDocument();
    expect(fake.requestsTo('GET', '/api/insight/resources')[0]?.headers.get('x-workspace-id')).toBe('ws-default');
  });

  it('pages from the server as the user scrolls through 10 000 resources', async () => {
    const fake = installFakeBff({ resourceCount: 10_000 });
    renderApp('/resources?ws=ws-default');
    expect(await screen.findByText('10,000 resources')).toBeInTheDocument();
    const region = screen.getByRole('region', { name: 'Dashboards resources' });
    // Only the visible rows exist in the DOM, not 200 and not 10 000.
    expect(within(region).getAllByRole('checkbox').length).toBeLessThan(60);
    expect(listCalls(fake)).toHaveLength(1);
    Object.defineProperty(region, 'scrollTop', { configurable: true, value: 36 * 190 });
    act(() => {
      fireEvent.scroll(region);
    });
    await waitFor(() => expect(listCalls(fake).map((c) => c.offset)).toEqual(['0', '200']));
    expect(await within(region).findByRole('checkbox', { name: 'Select Sales dashboard 00200' })).toBeInTheDocument();
  });

  it('counts a multi-selection and keeps it in the URL across type tabs', async () => {
    installFakeBff();
    const app = renderApp('/resources?ws=ws-default');
    await app.user.click(await screen.findByRole('checkbox', { name: 'Select Sales dashboard 00001' }));
    await app.user.click(screen.getByRole('checkbox', { name: 'Select Sales dashboard 00002' }));
    expect(screen.getByText('2 selected')).toBeInTheDocument();
    await app.user.click(screen.getByRole('tab', { name: 'Datasets' }));
    await app.user.click(await screen.findByRole('checkbox', { name: 'Select dataset 1' }));
    expect(screen.getByText('3 selected')).toBeInTheDocument();
    expect(app.searchParams().get('sel')).toBe('dashboard:dash-00001,dashboard:dash-00002,dataset:dataset-1');
    expect(app.searchParams().get('type')).toBe('dataset');
    // Picks read as names once a list page has named them, even from another tab.
    const chips = screen.getByRole('list', { name: 'Selected resources' });
    expect(
      within(chips)
        .getAllByRole('listitem')
        .map((li) => li.textContent?.replace('×', '')),
    ).toEqual(['Sales dashboard 00001', 'Sales dashboard 00002', 'dataset 1']);
    await app.user.click(screen.getByRole('button', { name: 'Remove Sales dashboard 00001' }));
    expect(screen.getByText('2 selected')).toBeInTheDocument();
  });

  it('where a row has nothing to open (the export page), clicking its name picks it', async () => {
    installFakeBff();
    const app = renderApp('/export?ws=ws-default');
    const list = await screen.findByRole('region', { name: 'Dashboards resources' });
    await app.user.click(await within(list).findByText('Sales dashboard 00003'));
    expect(within(list).getByRole('checkbox', { name: 'Select Sales dashboard 00003' })).toBeChecked();
    expect(app.searchParams().get('sel')).toBe('dashboard:dash-00003');
    await app.user.click(within(list).getByText('Sales dashboard 00003'));
    expect(within(list).getByRole('checkbox', { name: 'Select Sales dashboard 00003' })).not.toBeChecked();
  });

  it('shows a pick no list page has named by its ID', async () => {
    installFakeBff();
    renderApp('/resources?ws=ws-default&type=dataset&sel=dashboard:dash-00099');
    const chips = await screen.findByRole('list', { name: 'Selected resources' });
    expect(within(chips).getByText('dash-00099')).toBeInTheDocument();
  });

  it('restores selection and tab from the URL on reload', async () => {
    installFakeBff();
    renderApp('/resources?ws=ws-default&type=dataset&sel=dataset:dataset-2');
    expect(await screen.findByRole('checkbox', { name: 'Select dataset 2' })).toBeChecked();
    expect(screen.getByRole('tab', { name: 'Datasets' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByText('1 selected')).toBeInTheDocument();
  });

  it('takes an ID for types without a list API, checked by reading its permissions', async () => {
    const fake = installFakeBff();
    const app = renderApp('/resources?ws=ws-default&type=metric');
    const input = await screen.findByLabelText('Resource ID');
    await app.user.type(input, 'metric-404');
    await app.user.click(screen.getByRole('button', { name: 'Check and add' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('24010003');
    expect(screen.getByText('0 selected')).toBeInTheDocument();
    await app.user.clear(input);
    await app.user.type(input, 'metric-1');
    await app.user.click(screen.getByRole('button', { name: 'Check and add' }));
    expect(await screen.findByText('Found metric-1.')).toBeInTheDocument();
    expect(app.searchParams().get('sel')).toBe('metric:metric-1');
    const check = fake.requestsTo('GET', '/api/insight/permissions').at(-1);
    expect(Object.fromEntries(check?.url.searchParams ?? [])).toEqual({
      resource_type: 'metric',
      resource_id: 'metric-1',
    });
  });
});
