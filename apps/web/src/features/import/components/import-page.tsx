import { romaErrorCodes, type ImportAssetsOptions } from '@portico/api-types';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button } from '../../../components/ui/button';
import { ErrorPanel } from '../../../components/ui/error-panel';
import { ProgressBar } from '../../../components/ui/progress-bar';
import { useT } from '../../../i18n/i18n';
import { ApiError } from '../../../lib/api-error';
import { importAssets, type UploadHandle } from '../api/import-assets';
import { lastJobId } from '../api/last-job';
import { PackageRejection, readAssetPackage, type AssetPackagePreview } from '../api/read-asset-package';
import { DropZone } from './drop-zone';
import { ImportOptionsForm } from './import-options-form';
import { JobStatus } from './job-status';
import { PackagePreview } from './package-preview';

type Upload =
  | { status: 'idle' }
  | { status: 'uploading'; loaded: number; total: number }
  | { status: 'cancelled' }
  | { status: 'failed'; error: unknown };

const panel = 'rounded border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900';

export function ImportPage() {
  const { t, formatBytes } = useT();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const [file, setFile] = useState<File>();
  const [preview, setPreview] = useState<AssetPackagePreview>();
  const [rejection, setRejection] = useState<string>();
  const [upload, setUpload] = useState<Upload>({ status: 'idle' });
  const handle = useRef<UploadHandle | null>(null);

  const follow = (id: string) =>
    setParams((p) => {
      p.set('job', id);
      return p;
    });

  const onFile = async (f: File) => {
    setFile(f);
    setPreview(undefined);
    setRejection(undefined);
    setUpload({ status: 'idle' });
    try {
      setPreview(await readAssetPackage(f));
    } catch (err) {
      const reason = err instanceof PackageRejection ? err.reason : 'content';
      setRejection(t('import.notZip', { name: f.name, reason: t(`import.reason.${reason}`) }));
    }
  };

  const start = (options: ImportAssetsOptions) => {
    if (!file) return;
    setUpload({ status: 'uploading', loaded: 0, total: file.size });
    const h = importAssets(file, options, (loaded, total) => setUpload({ status: 'uploading', loaded, total }));
    handle.current = h;
    h.result.then(
      (r) => {
        setUpload({ status: 'idle' });
        follow(r.job_id);
      },
      (error: unknown) =>
        setUpload(
          error instanceof DOMException && error.name === 'AbortError'
            ? { status: 'cancelled' }
            : { status: 'failed', error },
        ),
    );
  };

  const running =
    upload.status === 'failed' &&
    upload.error instanceof ApiError &&
    upload.error.upstream?.code === romaErrorCodes.jobAlreadyRunning;
  const previous = lastJobId();

  return (
    <div className="space-y-4">
      <h1 className="text-base font-semibold">{t('import.title')}</h1>
      <div className={panel}>
        <DropZone onFile={(f) => void onFile(f)} disabled={upload.status === 'uploading'} />
        {rejection && (
          <p role="alert" className="mt-2 text-sm font-medium text-red-700 dark:text-red-300">
            {rejection}
          </p>
        )}
      </div>
      {file && preview && (
        <div className={`${panel} space-y-4`}>
          <PackagePreview fileName={file.name} preview={preview} />
          {!preview.overLimit && <ImportOptionsForm onSubmit={start} disabled={upload.status === 'uploading'} />}
          {upload.status === 'uploading' && (
            <div className="space-y-2">
              <ProgressBar
                label={t('import.uploading')}
                value={upload.loaded}
                max={upload.total}
                text={t('download.progress', {
                  received: formatBytes(upload.loaded),
                  total: formatBytes(upload.total),
                })}
              />
              <Button onClick={() => handle.current?.abort()}>{t('import.cancel')}</Button>
            </div>
          )}
          {upload.status === 'cancelled' && (
            <p role="status" className="text-sm">
              {t('import.cancelled')}
            </p>
          )}
          {running && (
            <div
              role="alert"
              className="space-y-2 rounded border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950"
            >
              <p className="font-medium">{t('import.running')}</p>
              {previous && previous !== jobId && <Button onClick={() => follow(previous)}>{t('import.watch')}</Button>}
            </div>
          )}
          {upload.status === 'failed' && <ErrorPanel error={upload.error} />}
        </div>
      )}
      {jobId && (
        <div className={panel}>
          <JobStatus key={jobId} jobId={jobId} />
        </div>
      )}
    </div>
  );
}
