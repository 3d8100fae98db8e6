import { useState } from 'react';
import { Button } from '../../../components/ui/button';
import { DownloadStatus } from '../../../components/ui/download-status';
import { ErrorPanel } from '../../../components/ui/error-panel';
import { useT } from '../../../i18n/i18n';
import { useDownload } from '../../../lib/use-download';
import { exportWorkflows } from '../api/export-workflows';
import { useWorkflows } from '../api/list-workflows';

/** Pick SecMaster workflows from their list and download them as one file. */
export function WorkflowExport() {
  const { t } = useT();
  const workflows = useWorkflows({ search: '' });
  const [picked, setPicked] = useState<string[]>([]);
  const download = useDownload();
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  return (
    <section aria-labelledby="workflows-title" className="space-y-3">
      <h2 id="workflows-title" className="text-base font-semibold">
        {t('export.workflows.title')}
      </h2>
      {workflows.error && <ErrorPanel error={workflows.error} />}
      {workflows.data?.items.length === 0 && <p className="text-sm">{t('export.workflows.none')}</p>}
      {workflows.data && workflows.data.items.length > 0 && (
        <fieldset className="max-h-64 space-y-1 overflow-auto">
          <legend className="sr-only">{t('export.workflows.list')}</legend>
          {workflows.data.items.map((w) => (
            <label key={w.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                aria-label={t('export.workflows.select', { name: w.name })}
                checked={picked.includes(w.id)}
                onChange={() => toggle(w.id)}
              />
              <span>{w.name}</span>
              <span className="text-xs text-slate-500 dark:text-slate-400">{w.aop_type}</span>
            </label>
          ))}
        </fieldset>
      )}
      <Button
        variant="primary"
        disabled={picked.length === 0 || download.state.status === 'downloading'}
        onClick={() => void download.start((opts) => exportWorkflows({ id: picked }, opts))}
      >
        {t('export.workflows.submit', { count: picked.length })}
      </Button>
      <DownloadStatus state={download.state} onCancel={download.cancel} />
    </section>
  );
}
