import type { ActivityEntry } from '@portico/api-types';
import type { ReactNode } from 'react';
import { Button } from '../../../components/ui/button';
import { DownloadStatus } from '../../../components/ui/download-status';
import { ErrorPanel } from '../../../components/ui/error-panel';
import { useT } from '../../../i18n/i18n';
import { switchDiff, switchWords } from '../../../lib/switch-diff';
import { useDownload } from '../../../lib/use-download';
import { downloadActivityCsv, useActivity } from '../api/list-activity';
import { ActivityFiltersForm } from './activity-filters-form';
import { activityPageSize, useActivityFilters } from './use-activity-filters';

/** `rowAction` lets the route add what an entry allows (such as undoing a bulk fix). */
export function ActivityPage({ rowAction }: { rowAction?: (entry: ActivityEntry) => ReactNode } = {}) {
  const { t, formatDate } = useT();
  const { filters, apply } = useActivityFilters();
  const activity = useActivity(filters);
  const csv = useDownload();
  const offset = filters.offset ?? 0;
  const data = activity.data;
  return (
    <div className="space-y-4 rounded border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex items-center justify-between">
        <h1 className="text-base font-semibold">{t('activity.title')}</h1>
        <Button
          onClick={() => void csv.start((opts) => downloadActivityCsv(filters, opts))}
          disabled={csv.state.status === 'downloading'}
        >
          {t('activity.csv')}
        </Button>
      </div>
      <DownloadStatus state={csv.state} onCancel={csv.cancel} />
      <ActivityFiltersForm filters={filters} onApply={apply} />
      {activity.error && <ErrorPanel error={activity.error} />}
      {data && data.items.length === 0 && <p className="text-sm">{t('activity.empty')}</p>}
      {data && data.items.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-400">
              <tr>
                <th scope="col" className="py-1 pr-3">
                  {t('activity.at')}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {t('activity.user')}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {t('activity.operation')}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {t('activity.target')}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {t('activity.outcome')}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {t('activity.change')}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {t('activity.requestId')}
                </th>
                {rowAction && (
                  <th scope="col" className="py-1 pr-3">
                    {t('activity.actions')}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {data.items.map((a) => (
                <tr key={a.id} className="border-b border-slate-100 dark:border-slate-800">
                  <td className="py-1 pr-3 whitespace-nowrap">{formatDate(a.at)}</td>
                  <td className="py-1 pr-3">{a.user}</td>
                  <td className="py-1 pr-3">{t(`operation.${a.operation}`)}</td>
                  <td className="py-1 pr-3 wrap-break-word">{a.target}</td>
                  <td className="py-1 pr-3">
                    {a.outcome === 'pending' ? (
                      // Written before the upstream call and not settled (yet): say so, never guess.
                      <span className="text-amber-800 italic dark:text-amber-200">{t('activity.pendingNote')}</span>
                    ) : (
                      t(`activity.outcome.${a.outcome}`)
                    )}
                    {a.error_code ? ` (${a.error_code})` : ''}
                  </td>
                  <td className="py-1 pr-3">
                    {a.before && a.after ? switchDiff(a.before, a.after, switchWords(t)) : ''}
                  </td>
                  <td className="py-1 pr-3 font-mono text-xs select-all">{a.request_id}</td>
                  {rowAction && <td className="py-1 pr-3">{rowAction(a)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && data.total > 0 && (
        <nav
          aria-label={t('activity.page', {
            from: offset + 1,
            to: Math.min(offset + activityPageSize, data.total),
            total: data.total,
          })}
          className="flex items-center gap-2 text-sm"
        >
          <Button
            disabled={offset === 0}
            onClick={() => apply({ offset: String(Math.max(0, offset - activityPageSize)) })}
          >
            {t('activity.previous')}
          </Button>
          <span>
            {t('activity.page', {
              from: offset + 1,
              to: Math.min(offset + activityPageSize, data.total),
              total: data.total,
            })}
          </span>
          <Button
            disabled={offset + activityPageSize >= data.total}
            onClick={() => apply({ offset: String(offset + activityPageSize) })}
          >
            {t('activity.next')}
          </Button>
        </nav>
      )}
    </div>
  );
}
