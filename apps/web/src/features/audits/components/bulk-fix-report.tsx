import type { BulkFixResult } from '@portico/api-types';
import { useT } from '../../../i18n/i18n';
import { rowKey } from './row-key';

/** What a fix or undo did: counts, then each failure with its code, message and request id. */
export function BulkFixReport({ result }: { result: BulkFixResult }) {
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
