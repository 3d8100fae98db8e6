import { exportWorkflowsMaxIds } from '@portico/api-types';
import { useMemo, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { DownloadStatus } from '../../../components/ui/download-status';
import { ErrorPanel } from '../../../components/ui/error-panel';
import { SearchBox } from '../../../components/ui/search-box';
import { useT } from '../../../i18n/i18n';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { useDownload } from '../../../lib/use-download';
import { exportWorkflows } from '../api/export-workflows';
import { useWorkflows } from '../api/list-workflows';

/**
 * Pick SecMaster workflows and download them as one file: searched by name on the server, a page
 * of 100 at a time. Picks outlive a search, so one export can gather workflows from several.
 */
export function WorkflowExport() {
  const { t, formatNumber } = useT();
  const [draft, setDraft] = useState('');
  const search = useDebouncedValue(draft.trim());
  const workflows = useWorkflows({ search });
  const items = useMemo(() => workflows.data?.pages.flatMap((p) => p.items) ?? [], [workflows.data]);
  const total = workflows.data?.pages[0]?.total ?? 0;
  /** Picked IDs, in the order picked. */
  const [picked, setPicked] = useState<string[]>([]);
  const download = useDownload();
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  const tooMany = picked.length > exportWorkflowsMaxIds;
  return (
    <section aria-labelledby="workflows-title" className="space-y-3">
      <h2 id="workflows-title" className="text-base font-semibold">
        {t('export.workflows.title')}
      </h2>
      <SearchBox
        label={t('export.workflows.search')}
        value={draft}
        onChange={setDraft}
        status={workflows.data ? t('export.workflows.total', { count: total }) : t('common.loading')}
      />
      {workflows.error && <ErrorPanel error={workflows.error} />}
      {workflows.data && items.length === 0 && (
        <p className="text-sm">{search ? t('export.workflows.noMatch') : t('export.workflows.none')}</p>
      )}
      {items.length > 0 && (
        <fieldset className="max-h-64 space-y-1 overflow-auto">
          <legend className="sr-only">{t('export.workflows.list')}</legend>
          {items.map((w) => (
            <label key={w.id} className="flex cursor-pointer items-center gap-2 text-sm">
              <input
                type="checkbox"
                aria-label={t('export.workflows.select', { name: w.name })}
                checked={picked.includes(w.id)}
                onChange={() => toggle(w.id)}
              />
              <span>{w.name}</span>
              <span className="text-xs text-slate-500 dark:text-slate-400" title={w.aop_type}>
                {t(`workflow.type.${w.aop_type}`)}
              </span>
            </label>
          ))}
          {workflows.hasNextPage && (
            <Button disabled={workflows.isFetchingNextPage} onClick={() => void workflows.fetchNextPage()}>
              {t('export.workflows.more', { shown: formatNumber(items.length), total: formatNumber(total) })}
            </Button>
          )}
        </fieldset>
      )}
      {picked.length > 0 && (
        <p className="flex items-center gap-2 text-sm">
          <span role="status">{t('export.workflows.picked', { count: picked.length })}</span>
          <Button onClick={() => setPicked([])}>{t('export.workflows.clear')}</Button>
        </p>
      )}
      {tooMany && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {t('export.workflows.tooMany', { max: exportWorkflowsMaxIds, count: picked.length })}
        </p>
      )}
      <Button
        variant="primary"
        disabled={picked.length === 0 || tooMany || download.state.status === 'downloading'}
        onClick={() => void download.start((opts) => exportWorkflows({ id: picked }, opts))}
      >
        {t('export.workflows.submit', { count: picked.length })}
      </Button>
      <DownloadStatus state={download.state} onCancel={download.cancel} />
    </section>
  );
}
