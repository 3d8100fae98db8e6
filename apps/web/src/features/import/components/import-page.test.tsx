import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assetPackageFile } from '../../../testing/asset-zip';
import { installFakeBff } from '../../../testing/fake-bff';
import { renderApp } from '../../../testing/render-app';
import { bffError } from '../../../testing/responses';

afterEach(() => vi.unstubAllGlobals());

const importPath = '/api/roma/assets/import';

async function choose(app: ReturnType<typeof renderApp>, file: File) {
  await app.user.upload(await screen.findByLabelText('Asset package file'), file);
}

describe('asset import', () => {
  it('previews the package, uploads it with the options and follows the job to success', async () => {
    const fake = installFakeBff();
    const app = renderApp('/import?ws=ws-default');
    await choose(app, assetPackageFile('orders-v2.zip'));
    expect(await screen.findByText('2.1')).toBeInTheDocument();
    expect(screen.getByText('5 of at most 100 applications and tasks')).toBeInTheDocument();
    expect(screen.getByText('task-3')).toBeInTheDocument();
    expect(screen.getByLabelText('Application name prefix')).toHaveAccessibleDescription(/Joined to the front/);
    await app.user.selectOptions(screen.getByLabelText('Import mode'), 'Merge');
    await app.user.type(screen.getByLabelText('Application name prefix'), 'qa_');
    await app.user.selectOptions(screen.getByLabelText('Overwrite data sources'), 'true');
    await app.user.click(screen.getByRole('button', { name: 'Upload and import' }));
    expect(await screen.findByText('Import job job-1')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('Succeeded')).toBeInTheDocument(), { timeout: 4000 });
    const upload = fake.requestsTo('POST', importPath)[0];
    expect(Object.fromEntries(upload?.url.searchParams ?? [])).toEqual({
      type: 'Merge',
      prefix: 'qa_',
      datasource_overwrite: 'true',
    });
    expect(upload?.headers.get('x-csrf-token')).toBe('csrf-test-token');
    expect((upload?.body as FormData).get('ImportAssetRequestBody')).toBeInstanceOf(File);
    expect(sessionStorage.getItem('portico.lastImportJob')).toBe('job-1');
  });

  it('accepts a dropped file as well', async () => {
    installFakeBff();
    renderApp('/import?ws=ws-default');
    const zone = await screen.findByTestId('drop-zone');
    fireEvent.drop(zone, { dataTransfer: { files: [assetPackageFile('dropped.zip')] } });
    expect(await screen.findByText('5 of at most 100 applications and tasks')).toBeInTheDocument();
  });

  it('refuses a non-ZIP file with the reason, before any upload', async () => {
    const fake = installFakeBff();
    const app = renderApp('/import?ws=ws-default');
    // The file dialog filters by `accept`; a drop does not, so that is how a .txt arrives.
    fireEvent.drop(await screen.findByTestId('drop-zone'), {
      dataTransfer: { files: [new File(['hello'], 'notes.txt')] },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'notes.txt is not a ZIP archive: the name must end in .zip',
    );
    await app.user.upload(screen.getByLabelText('Asset package file'), new File(['not a zip'], 'fake.zip'));
    expect(await screen.findByRole('alert')).toHaveTextContent('the file is not a readable ZIP');
    expect(screen.queryByRole('button', { name: 'Upload and import' })).not.toBeInTheDocument();
    expect(fake.requestsTo('POST', importPath)).toHaveLength(0);
  });

  it('refuses a package over the limit of 100 applications and tasks', async () => {
    installFakeBff();
    const app = renderApp('/import?ws=ws-default');
    await choose(app, assetPackageFile('huge.zip', { applications: 40, tasks: 61 }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This package holds 101 applications and tasks; at most 100',
    );
    expect(screen.queryByRole('button', { name: 'Upload and import' })).not.toBeInTheDocument();
  });

  it('checks the options with the contract before uploading', async () => {
    const fake = installFakeBff();
    const app = renderApp('/import?ws=ws-default');
    await choose(app, assetPackageFile('opts.zip'));
    await app.user.type(await screen.findByLabelText('Application name prefix'), 'bad prefix!');
    await app.user.click(screen.getByRole('button', { name: 'Upload and import' }));
    expect(await screen.findByText('Use only letters, digits, _ and -, at most 64 characters.')).toBeInTheDocument();
    expect(fake.requestsTo('POST', importPath)).toHaveLength(0);
  });

  it('shows upload progress and cancels the upload', async () => {
    const fake = installFakeBff();
    let release: () => void = () => undefined;
    fake.upload.gate = new Promise<void>((r) => (release = r));
    const app = renderApp('/import?ws=ws-default');
    await choose(app, assetPackageFile('slow.zip'));
    await app.user.click(await screen.findByRole('button', { name: 'Upload and import' }));
    const bar = await screen.findByRole('progressbar', { name: 'Uploading' });
    await waitFor(() => expect(Number(bar.getAttribute('aria-valuenow'))).toBeGreaterThan(0));
    await app.user.click(screen.getByRole('button', { name: 'Cancel upload' }));
    expect(await screen.findByText('Upload cancelled.')).toBeInTheDocument();
    release();
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.requestsTo('POST', importPath)).toHaveLength(0);
  });

  it('follows a job that fails and shows its reasons', async () => {
    const fake = installFakeBff();
    fake.jobPlan = { pollsUntilDone: 0, outcome: 'FAILED' };
    const app = renderApp('/import?ws=ws-default');
    await choose(app, assetPackageFile('bad.zip'));
    await app.user.click(await screen.findByRole('button', { name: 'Upload and import' }));
    expect(await screen.findByText('Failed')).toBeInTheDocument();
    expect(screen.getByText(/sync-orders/)).toHaveTextContent('Task definition invalid');
  });

  it('says plainly when another import is running and lets the user watch it', async () => {
    const fake = installFakeBff();
    fake.jobs.set('job-earlier', {
      id: 'job-earlier',
      type: 'importAsset',
      status: 'RUNNING',
      progress_percent: 0.3,
      begin_time: '2026-11-23T09:00:00Z',
    });
    sessionStorage.setItem('portico.lastImportJob', 'job-earlier');
    fake.override('POST', importPath, () =>
      bffError(403, 'upstream_error', 'An asset job is already running', {
        upstream: {
          status: 403,
          service: 'roma',
          code: 'ROMA.10012',
          message: 'An asset job is already running',
          request_id: 'roma-1',
        },
      }),
    );
    const app = renderApp('/import?ws=ws-default');
    await choose(app, assetPackageFile('second.zip'));
    await app.user.click(await screen.findByRole('button', { name: 'Upload and import' }));
    expect(
      await screen.findByText('Another asset import is still running. Only one can run at a time.'),
    ).toBeInTheDocument();
    expect(screen.getByText('roma-1')).toBeInTheDocument();
    await app.user.click(screen.getByRole('button', { name: 'Watch the running import' }));
    expect(await screen.findByText('Import job job-earlier')).toBeInTheDocument();
    expect(app.searchParams().get('job')).toBe('job-earlier');
  });
});
