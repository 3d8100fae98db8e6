import { Button } from '../../../components/ui/button';
import { ErrorPanel } from '../../../components/ui/error-panel';
import { ProgressBar } from '../../../components/ui/progress-bar';
import { useT } from '../../../i18n/i18n';
import type { AuditRunState } from '../api/use-audit-run';

/** Progress of the running audit (n of N), cancel, and how it ended. */
export function AuditRunPanel({ state, onCancel }: { state: AuditRunState; onCancel: () => void }) {
  const { t, formatNumber } = useT();
  if (state.status === 'idle') return null;
  const text = t('audit.run.progress', { done: formatNumber(state.done), total: formatNumber(state.total) });
  return (
    <div className="space-y-2">
      <ProgressBar label={t('audit.run.label')} value={state.done} max={state.total || undefined} text={text} />
      {state.status === 'running' && <Button onClick={onCancel}>{t('audit.run.cancel')}</Button>}
      <p role="status" className="text-sm">
        {state.status === 'running' && t('audit.run.running', { rows: formatNumber(state.rows.length) })}
        {state.status === 'finished' &&
          t('audit.run.finished', {
            total: formatNumber(state.total),
            failed: formatNumber(state.summary?.failed_count ?? 0),
            nonCompliant: formatNumber(state.summary?.non_compliant_count ?? 0),
          })}
        {state.status === 'cancelled' &&
          t('audit.run.cancelled', { done: formatNumber(state.done), total: formatNumber(state.total) })}
      </p>
      {state.enumerationErrors.map((e) => (
        <ErrorPanel
          key={e.resource_type}
          title={t('audit.run.enumerationFailed', { type: t(`type.${e.resource_type}`) })}
          error={
            new Error(`${e.error.code}: ${e.error.message}${e.error.request_id ? ` (${e.error.request_id})` : ''}`)
          }
        />
      ))}
      {state.status === 'failed' && <ErrorPanel error={state.error} />}
    </div>
  );
}
