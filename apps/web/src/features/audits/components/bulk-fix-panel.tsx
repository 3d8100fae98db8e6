import type { AuditRow, BulkFixPlan } from '@portico/api-types';
import { useState } from 'react';
import { Button } from '../../../components/ui/button';
import { ErrorPanel } from '../../../components/ui/error-panel';
import { useT } from '../../../i18n/i18n';
import { usePlanBulkFix, useRunBulkFix, useUndoBulkFix } from '../api/bulk-fix';
import { BulkFixReport } from './bulk-fix-report';
import { ChangeList } from './change-list';

/** Selected rows → the plan (every change) to confirm → the saves → a report → one-click undo. */
export function BulkFixPanel({
  auditId,
  selected,
  onDone,
}: {
  auditId: string;
  selected: readonly AuditRow[];
  onDone: () => void;
}) {
  const { t } = useT();
  const plan = usePlanBulkFix(auditId);
  const run = useRunBulkFix(auditId);
  const undo = useUndoBulkFix();
  const [confirming, setConfirming] = useState<BulkFixPlan>();
  const refs = selected.map(({ resource_type, resource_id }) => ({ resource_type, resource_id }));
  const review = () => plan.mutate(refs, { onSuccess: setConfirming });
  const confirm = (p: BulkFixPlan) =>
    run.mutate(
      {
        resources: p.changes.map(({ resource_type, resource_id }) => ({ resource_type, resource_id })),
        policyVersion: p.policy_version,
      },
      { onSettled: () => setConfirming(undefined), onSuccess: onDone },
    );
  return (
    <section aria-labelledby="audit-fix-title" className="space-y-2">
      <h3 id="audit-fix-title" className="text-sm font-semibold">
        {t('audit.fix.title')}
      </h3>
      <Button variant="primary" disabled={selected.length === 0 || plan.isPending || run.isPending} onClick={review}>
        {t('audit.fix.review', { count: selected.length })}
      </Button>
      {plan.error && <ErrorPanel error={plan.error} />}
      {confirming && (
        <div
          role="dialog"
          aria-modal="true"
          aria-labelledby="audit-fix-confirm"
          className="space-y-2 rounded border border-amber-400 bg-amber-50 p-3 dark:bg-amber-950"
        >
          <h4 id="audit-fix-confirm" className="text-sm font-semibold">
            {t('audit.fix.confirmTitle', { count: confirming.changes.length })}
          </h4>
          <ChangeList label={t('audit.fix.changes')} changes={confirming.changes} withRules />
          {confirming.skipped.length > 0 && (
            <p className="text-xs">
              {t('audit.fix.skipped', {
                list: confirming.skipped.map((s) => `${s.resource_id} (${t(`audit.fix.skip.${s.reason}`)})`).join(', '),
              })}
            </p>
          )}
          <div className="flex gap-2">
            <Button
              variant="danger"
              disabled={confirming.changes.length === 0 || run.isPending}
              onClick={() => confirm(confirming)}
            >
              {t('audit.fix.confirm', { count: confirming.changes.length })}
            </Button>
            <Button onClick={() => setConfirming(undefined)}>{t('audit.fix.cancel')}</Button>
          </div>
        </div>
      )}
      {run.isPending && (
        <p role="status" className="text-sm">
          {t('audit.fix.running')}
        </p>
      )}
      {run.error && <ErrorPanel error={run.error} />}
      {run.data && (
        <div className="space-y-2">
          <BulkFixReport result={run.data} />
          {run.data.succeeded > 0 && run.data.record !== 'lost' && (!undo.data || undo.data.failed > 0) && (
            <Button disabled={undo.isPending} onClick={() => run.data && undo.mutate(run.data.id)}>
              {t(undo.data ? 'audit.fix.undoLeft' : 'audit.fix.undo')}
            </Button>
          )}
        </div>
      )}
      {undo.error && <ErrorPanel error={undo.error} />}
      {undo.data && <BulkFixReport result={undo.data} />}
    </section>
  );
}
