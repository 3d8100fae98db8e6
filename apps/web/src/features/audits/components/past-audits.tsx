import type { AuditSummary } from '@portico/api-types';
import { useMemo } from 'react';
import { Button } from '../../../components/ui/button';
import { ErrorPanel } from '../../../components/ui/error-panel';
import { useT } from '../../../i18n/i18n';
import { useAudits } from '../api/list-audits';

/** Stored audits of the workspace, newest first, 50 at a time; one is opened, two are compared. */
export function PastAudits({
  workspaceId,
  openId,
  onOpen,
  compare,
  onCompare,
}: {
  workspaceId: string;
  openId: string | undefined;
  onOpen: (id: string) => void;
  compare: string[];
  onCompare: (ids: string[]) => void;
}) {
  const { t, formatDate, formatNumber } = useT();
  const audits = useAudits(workspaceId);
  const items = useMemo(() => audits.data?.pages.flatMap((p) => p.items) ?? [], [audits.data]);
  const total = audits.data?.pages[0]?.total ?? 0;
  // The pair is kept oldest first: drift reads from the earlier audit to the later one.
  const toggle = (a: AuditSummary) => {
    const next = compare.includes(a.id) ? compare.filter((x) => x !== a.id) : [...compare, a.id].slice(-2);
    const started = new Map(items.map((x) => [x.id, x.started_at]));
    onCompare(next.sort((x, y) => (started.get(x) ?? '').localeCompare(started.get(y) ?? '')));
  };
  return (
    <section aria-labelledby="audit-past-title" className="space-y-2">
      <h2 id="audit-past-title" className="text-base font-semibold">
        {t('audit.past.title')}
      </h2>
      {audits.error && <ErrorPanel error={audits.error} />}
      {audits.data && items.length === 0 && <p className="text-sm">{t('audit.past.none')}</p>}
      <ul className="max-h-64 space-y-1 overflow-auto text-sm">
        {items.map((a) => {
          const label = t('audit.past.item', { when: formatDate(a.started_at), by: a.run_by });
          return (
            <li
              key={a.id}
              className={`flex flex-wrap items-center gap-2 rounded px-1 ${openId === a.id ? 'bg-blue-50 dark:bg-blue-950' : ''}`}
            >
              <input
                type="checkbox"
                aria-label={t('audit.past.compare', { audit: label })}
                checked={compare.includes(a.id)}
                onChange={() => toggle(a)}
              />
              <button
                type="button"
                className="underline"
                aria-current={openId === a.id ? 'true' : undefined}
                onClick={() => onOpen(a.id)}
              >
                {label}
              </button>
              <span className="text-xs text-slate-600 dark:text-slate-400">
                {t(`audit.status.${a.status}`)} ·{' '}
                {t('audit.past.counts', {
                  total: formatNumber(a.total),
                  nonCompliant: formatNumber(a.non_compliant_count),
                  failed: formatNumber(a.failed_count),
                })}
              </span>
            </li>
          );
        })}
      </ul>
      {audits.hasNextPage && (
        <Button disabled={audits.isFetchingNextPage} onClick={() => void audits.fetchNextPage()}>
          {t('audit.past.older', { shown: formatNumber(items.length), total: formatNumber(total) })}
        </Button>
      )}
    </section>
  );
}
