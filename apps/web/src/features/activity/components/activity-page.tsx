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

const dataColumns = ['at', 'user', 'operation', 'target', 'outcome', 'change', 'requestId'] as const;

/**
 * A cell; below `sm`, a line of its entry's card: the column's name (`data-label`, not read out:
 * the cell's column header is) beside the value, and no line for an empty cell.
 */
function EntryCell({ label, className = '', children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <td
      role="cell"
      data-label={label}
      className={`py-1 pr-3 max-sm:flex max-sm:items-baseline max-sm:gap-3 max-sm:py-0.5 max-sm:pr-0 max-sm:wrap-anywhere max-sm:empty:hidden max-sm:before:w-24 max-sm:before:shrink-0 max-sm:before:font-sans max-sm:before:text-xs max-sm:before:text-slate-600 max-sm:before:content-[attr(data-label)_/_''] dark:max-sm:before:text-slate-400 ${className}`}
    >
      {children}
    </td>
  );
}

/** `rowAction` lets the route add what an entry allows (such as undoing a bulk fix). */
export function ActivityPage({ rowAction }: { rowAction?: (entry: ActivityEntry) => ReactNode } = {}) {
  const { t, formatDate } = useT();
  const { filters, apply } = useActivityFilters();
  const activity = useActivity(filters);
  const csv = useDownload();
  const offset = filters.offset ?? 0;
  const data = activity.data;
  const label = {
    at: t('activity.at'),
    user: t('activity.user'),
    operation: t('activity.operation'),
    target: t('activity.target'),
    outcome: t('activity.outcome'),
    change: t('activity.change'),
    requestId: t('activity.requestId'),
    actions: t('activity.actions'),
  };
  const columns = rowAction ? [...dataColumns, 'actions' as const] : dataColumns;
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
          {/* Below the `sm` width each entry is a card: its cells one under the other, each after
              its column's name, so nothing (the outcome least of all) sits off-screen. `display`
              would drop the table from the accessibility tree: the roles keep it there. */}
          <table role="table" className="w-full text-left text-sm max-sm:block">
            <thead
              role="rowgroup"
              className="border-b border-slate-200 text-xs text-slate-600 max-sm:sr-only dark:border-slate-700 dark:text-slate-400"
            >
              <tr role="row">
                {columns.map((c) => (
                  <th key={c} role="columnheader" scope="col" className="py-1 pr-3">
                    {label[c]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody role="rowgroup" className="max-sm:block">
              {data.items.map((a) => (
                <tr
                  key={a.id}
                  role="row"
                  className="border-b border-slate-100 max-sm:block max-sm:py-2 dark:border-slate-800"
                >
                  <EntryCell label={label.at} className="whitespace-nowrap">
                    {formatDate(a.at)}
                  </EntryCell>
                  <EntryCell label={label.user}>{a.user}</EntryCell>
                  <EntryCell label={label.operation}>{t(`operation.${a.operation}`)}</EntryCell>
                  <EntryCell label={label.target} className="wrap-break-word">
                    {a.target}
                  </EntryCell>
                  <EntryCell label={label.outcome}>
                    <span>
                      {a.outcome === 'pending' ? (
                        // Written before the upstream call and not settled (yet): say so, never guess.
                        <span className="text-amber-800 italic dark:text-amber-200">{t('activity.pendingNote')}</span>
                      ) : (
                        t(`activity.outcome.${a.outcome}`)
                      )}
                      {a.error_code ? ` (${a.error_code})` : ''}
                    </span>
                  </EntryCell>
                  <EntryCell label={label.change}>
                    {a.before && a.after ? switchDiff(a.before, a.after, switchWords(t)) : ''}
                  </EntryCell>
                  <EntryCell label={label.requestId} className="font-mono text-xs select-all">
                    {a.request_id}
                  </EntryCell>
                  {rowAction && <EntryCell label={label.actions}>{rowAction(a)}</EntryCell>}
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
