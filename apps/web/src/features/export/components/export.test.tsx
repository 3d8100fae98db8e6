import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { blobText, captureDownloads } from '../../../testing/capture-downloads';
import { installFakeBff } from '../../../testing/fake-bff';
import { renderApp } from '../../../testing/render-app';
import { bffError, fileResponse } from '../../../testing/responses';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const picked = 'sel=dashboard:dash-00001,dashboard:dash-00002,dataset:dataset-1';
const exportPath = '/api/insight/resource-packages/export';

describe('resource package export', () => {
  it('exports the picked resources and saves the ZIP under the server filename', async () => {
    const fake = installFakeBff();
    const saved = captureDownloads();
    const app = renderApp(`/export?ws=ws-default&${picked}`);
    expect(await screen.findByText('3 resources picked')).toBeInTheDocument();
    await app.user.type(screen.getByLabelText('Package name'), 'Q4 package');
    await app.user.click(screen.getByLabelText('Include dataset tag permissions'));
    await app.user.click(screen.getByRole('button', { name: 'Export package' }));
    expect(await screen.findByText(/Saved as Q4 package.zip/)).toBeInTheDocument();
    expect(saved.map((s) => s.filename)).toEqual(['Q4 package.zip']);
    expect(await blobText(saved[0]!.blob)).toContain('dash-00002');
    expect(fake.requestsTo('POST', exportPath)[0]?.body).toEqual({
      name: 'Q4 package',
      export_param: { export_dataset_tag_permission: true },
      resources: [
        { resource_type: 'dashboard', resource_id: 'dash-00001' },
        { resource_type: 'dashboard', resource_id: 'dash-00002' },
        { resource_type: 'dataset', resource_id: 'dataset-1' },
      ],
    });
  });

  it('requires a name and explains the tag-permission option', async () => {
    const fake = installFakeBff();
    const app = renderApp(`/export?ws=ws-default&${picked}`);
    await app.user.click(await screen.findByRole('button', { name: 'Export package' }));
    expect(screen.getByLabelText('Package name')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Package name')).toHaveAccessibleDescription(
      'Name the package (up to 256 characters).',
    );
    expect(screen.getByLabelText('Include dataset tag permissions')).toHaveAccessibleDescription(
      /row-level tag permissions/,
    );
    expect(fake.requestsTo('POST', exportPath)).toHaveLength(0);
  });

  it('shows byte progress and cancels without saving anything', async () => {
    const fake = installFakeBff();
    const saved = captureDownloads();
    fake.override('POST', exportPath, (req) =>
      fileResponse([new Uint8Array(1000)], {
        filename: 'attachment; filename="big.zip"',
        contentLength: 4000,
        hold: true,
        signal: req.signal,
      }),
    );
    const app = renderApp(`/export?ws=ws-default&${picked}`);
    await app.user.type(await screen.findByLabelText('Package name'), 'big');
    await app.user.click(screen.getByRole('button', { name: 'Export package' }));
    await waitFor(() =>
      expect(screen.getByRole('progressbar', { name: 'Download progress' })).toHaveAttribute('aria-valuenow', '1000'),
    );
    expect(screen.getByText(/Downloaded 1,000 byte of 3.9 kB/)).toBeInTheDocument();
    await app.user.click(screen.getByRole('button', { name: 'Cancel download' }));
    expect(await screen.findByText('Download cancelled; nothing was saved.')).toBeInTheDocument();
    expect(saved).toHaveLength(0);
  });

  it('reports a cut mid-stream instead of saving a broken file', async () => {
    const fake = installFakeBff();
    const saved = captureDownloads();
    fake.override('POST', exportPath, () =>
      fileResponse([new Uint8Array(10), new Uint8Array(10)], { filename: 'attachment; filename="x.zip"', cutAfter: 1 }),
    );
    const app = renderApp(`/export?ws=ws-default&${picked}`);
    await app.user.type(await screen.findByLabelText('Package name'), 'x');
    await app.user.click(screen.getByRole('button', { name: 'Export package' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('cut off before the end');
    expect(saved).toHaveLength(0);
  });

  it('treats a stream shorter than its Content-Length as cut', async () => {
    const fake = installFakeBff();
    const saved = captureDownloads();
    fake.override('POST', exportPath, () =>
      fileResponse([new Uint8Array(10)], { filename: 'attachment; filename="x.zip"', contentLength: 50 }),
    );
    const app = renderApp(`/export?ws=ws-default&${picked}`);
    await app.user.type(await screen.findByLabelText('Package name'), 'x');
    await app.user.click(screen.getByRole('button', { name: 'Export package' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('cut off before the end');
    expect(saved).toHaveLength(0);
  });

  it('shows an upstream failure with its code and request id', async () => {
    const fake = installFakeBff();
    fake.override('POST', exportPath, () =>
      bffError(502, 'upstream_error', 'Export failed', {
        upstream: {
          status: 404,
          service: 'insight',
          code: '24010003',
          message: 'Resource does not exist',
          request_id: 'up-9',
        },
      }),
    );
    const app = renderApp(`/export?ws=ws-default&${picked}`);
    await app.user.type(await screen.findByLabelText('Package name'), 'x');
    await app.user.click(screen.getByRole('button', { name: 'Export package' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('24010003');
    expect(alert).toHaveTextContent('up-9');
  });
});

describe('workflow export', () => {
  it('exports two picked workflows as workflow.json', async () => {
    const fake = installFakeBff();
    const saved = captureDownloads();
    const app = renderApp('/export?ws=ws-default');
    await app.user.click(await screen.findByRole('checkbox', { name: 'Select workflow Block IP' }));
    await app.user.click(screen.getByRole('checkbox', { name: 'Select workflow Notify on-call' }));
    await app.user.click(screen.getByRole('button', { name: 'Export 2 workflows' }));
    expect(await screen.findByText(/Saved as workflow.json/)).toBeInTheDocument();
    expect(saved.map((s) => s.filename)).toEqual(['workflow.json']);
    expect(fake.requestsTo('POST', '/api/secmaster/workflows/export')[0]?.body).toEqual({ id: ['wf-1', 'wf-3'] });
  });

  it('names each workflow type in words, its API value as the title', async () => {
    installFakeBff({ workflowCount: 6 });
    renderApp('/export?ws=ws-default');
    const row = (await screen.findByRole('checkbox', { name: 'Select workflow Workflow 0006' })).closest('label');
    expect(row).toHaveTextContent('Workflow 0006Investigation');
    expect(within(row as HTMLElement).getByText('Investigation')).toHaveAttribute('title', 'SURVEY');
  });

  it('searches on the server once typing pauses, pages by 100, and keeps picks across searches', async () => {
    const fake = installFakeBff({ workflowCount: 250 });
    const app = renderApp('/export?ws=ws-default');
    expect(await screen.findByText('250 workflows')).toBeInTheDocument();
    const list = screen.getByRole('group', { name: 'Workflows' });
    expect(within(list).getAllByRole('checkbox')).toHaveLength(100);
    await app.user.click(screen.getByRole('button', { name: 'Show more (100 of 250)' }));
    expect(await screen.findByRole('checkbox', { name: 'Select workflow Workflow 0200' })).toBeInTheDocument();
    expect(within(list).getAllByRole('checkbox')).toHaveLength(200);
    await app.user.click(screen.getByRole('checkbox', { name: 'Select workflow Block IP' }));

    const before = fake.requestsTo('GET', '/api/secmaster/workflows').length;
    await app.user.type(screen.getByRole('searchbox', { name: 'Search workflows by name' }), '0249');
    expect(await screen.findByText('1 workflow')).toBeInTheDocument();
    // Four keystrokes, one request: the debounce holds back the rest.
    const searches = fake.requestsTo('GET', '/api/secmaster/workflows').slice(before);
    expect(searches.map((r) => Object.fromEntries(r.url.searchParams))).toEqual([
      { search: '0249', offset: '0', limit: '100' },
    ]);
    await app.user.click(screen.getByRole('checkbox', { name: 'Select workflow Workflow 0249' }));
    expect(screen.getByText('2 workflows picked')).toBeInTheDocument();

    await app.user.clear(screen.getByRole('searchbox', { name: 'Search workflows by name' }));
    await app.user.type(screen.getByRole('searchbox', { name: 'Search workflows by name' }), 'no such');
    expect(await screen.findByText('No workflow matches the search.')).toBeInTheDocument();
    await app.user.click(screen.getByRole('button', { name: 'Export 2 workflows' }));
    await screen.findByText(/Saved as workflow.json/);
    expect(fake.requestsTo('POST', '/api/secmaster/workflows/export')[0]?.body).toEqual({ id: ['wf-1', 'wf-249'] });
  });

  it('refuses more workflows than one export takes, and says so', async () => {
    const fake = installFakeBff({ workflowCount: 150 });
    const app = renderApp('/export?ws=ws-default');
    await screen.findByText('150 workflows');
    await app.user.click(screen.getByRole('button', { name: 'Show more (100 of 150)' }));
    await screen.findByRole('checkbox', { name: 'Select workflow Workflow 0101' });
    const boxes = within(screen.getByRole('group', { name: 'Workflows' })).getAllByRole('checkbox');
    for (const box of boxes.slice(0, 101)) fireEvent.click(box);
    expect(screen.getByRole('alert')).toHaveTextContent('One export takes at most 100 workflows; 101 are picked.');
    expect(screen.getByRole('button', { name: 'Export 101 workflows' })).toBeDisabled();
    fireEvent.click(boxes[0]!);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export 100 workflows' })).toBeEnabled();
    await app.user.click(screen.getByRole('button', { name: 'Clear picks' }));
    expect(screen.getByRole('button', { name: 'Export 0 workflows' })).toBeDisabled();
    expect(fake.requestsTo('POST', '/api/secmaster/workflows/export')).toHaveLength(0);
  });
});
