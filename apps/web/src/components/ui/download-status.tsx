import { useT } from '../../i18n/i18n';
import { IncompleteDownloadError } from '../../lib/download-file';
import type { DownloadState } from '../../lib/use-download';
import { Button } from './button';
import { ErrorPanel } from './error-panel';
import { ProgressBar } from './progress-bar';

export function DownloadStatus({ state, onCancel }: { state: DownloadState; onCancel: () => void }) {
  const { t, formatBytes } = useT();
  switch (state.status) {
    case 'idle':
      return null;
    case 'downloading': {
      const { received, total } = state.progress;
      const text =
        total !== undefined
          ? t('download.progress', { received: formatBytes(received), total: formatBytes(total) })
          : t('download.progressUnknown', { received: formatBytes(received) });
      return (
        <div className="space-y-2">
          <ProgressBar label={t('download.label')} value={received} max={total} text={text} />
          <Button onClick={onCancel}>{t('download.cancel')}</Button>
        </div>
      );
    }
    case 'done':
      return (
        <p role="status" className="text-sm text-green-700 dark:text-green-300">
          {t('download.done', { filename: state.filename, size: formatBytes(state.size) })}
        </p>
      );
    case 'cancelled':
      return (
        <p role="status" className="text-sm">
          {t('download.cancelled')}
        </p>
      );
    case 'failed':
      return state.error instanceof IncompleteDownloadError ? (
        <ErrorPanel error={new Error(t('download.cut'))} />
      ) : (
        <ErrorPanel error={state.error} />
      );
  }
}
