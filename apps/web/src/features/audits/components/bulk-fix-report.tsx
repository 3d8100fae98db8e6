import type { BulkFixAnswer } from '@portico/api-types';
import { useT } from '../../../i18n/i18n';
import { rowKey } from './row-key';

/**
 * What a fix or undo did: counts, each failure with its code, message and request id, and what
 * it means when its own record could not be written.
 */
export function BulkFixReport({ result }: { result: BulkFixAnswer }) {
  const { t } = useT();
  const failed = result.outcomes.filter((o) => o.status === 'failed');
  return (
    <div className="space-y-1 text-sm">
      <p role="status">
        {t(result.kind === 'fix' ? 'audit.fix.report' : 'audit.fix.undoReport', {
          succeeded: result.succeeded,
          failed: result.failed,
        })}
      </p>
      {result.record !== 'written' && (
        <p className="rounded border border-amber-400 bg-amber-50 p-2 text-xs dark:bg-amber-950">
          {t(`${result.kind === 'fix' ? 'audit.fix.record' : 'audit.fix.undoRecord'}.${result.record}`)}
        </p>
      )}
      {failed.length > 0 && (
        <ul className="text-xs text-red-800 dark:text-red-200">
          {failed.map((o) => (
            <li key={rowKey(o)}>
              {o.name ?? o.resource_id}: {o.error?.code} {o.error?.message}
              {o.error?.request_id ? ` (${t('error.requestId')}: ${o.error.request_id})` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
