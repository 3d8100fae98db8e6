import type { AuditRow } from '@portico/api-types';
import { memo } from 'react';
import { ScrollList } from '../../../components/ui/scroll-list';
import { useT } from '../../../i18n/i18n';
import { rowKey } from './row-key';

/** Reads that failed, each with the upstream's code, message and request id: never dropped. */
export const FailedReads = memo(function FailedReads({ rows }: { rows: readonly AuditRow[] }) {
  const { t } = useT();
  const failed = rows.filter((r) => r.status === 'failed');
  if (failed.length === 0) return null;
  return (
    <section aria-labelledby="audit-failed-title" className="space-y-1">
      <h3 id="audit-failed-title" className="text-sm font-semibold text-red-800 dark:text-red-200">
        {t('audit.failed.title', { count: failed.length })}
      </h3>
      <ScrollList aria-labelledby="audit-failed-title" className="max-h-40 text-xs">
        {failed.slice(0, 500).map((r) => (
          <li key={rowKey(r)} className="font-mono">
            {r.resource_type}:{r.resource_id} — {r.error?.code} {r.error?.message}
            {r.error?.request_id ? ` (${t('error.requestId')}: ${r.error.request_id})` : ''}
          </li>
        ))}
      </ScrollList>
    </section>
  );
});
