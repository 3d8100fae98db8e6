import type { UndoFixPlan } from '@portico/api-types';
import { useId, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { ErrorPanel } from '../../../components/ui/error-panel';
import { useT } from '../../../i18n/i18n';
import { usePlanUndoBulkFix, useUndoBulkFix } from '../api/bulk-fix';
import { BulkFixReport } from './bulk-fix-report';
import { ChangeList } from './change-list';

/**
 * Undo of a bulk fix from anywhere its id is known (the activity log): what is left to revert
 * is listed for confirmation first, then reverted, then reported.
 */
export function UndoFixButton({ fixId, target, onDone }: { fixId: string; target: string; onDone?: () => void }) {
  const { t } = useT();
  const plan = usePlanUndoBulkFix();
  const undo = useUndoBulkFix();
  const [confirming, setConfirming] = useState<UndoFixPlan>();
  const titleId = useId();
  return (
    <div className="space-y-2">
      <Button
        aria-label={t('audit.undo.openLabel', { target })}
        disabled={plan.isPending || undo.isPending}
        onClick={() => plan.mutate(fixId, { onSuccess: setConfirming })}
      >
        {t('audit.undo.open')}
      </Button>
      {plan.error && <ErrorPanel error={plan.error} />}
      {confirming && (
        <div
          role="dialog"
          aria-modal="true"
          aria-labelledby={titleId}
          className="space-y-2 rounded border border-amber-400 bg-amber-50 p-3 text-left dark:bg-amber-950"
        >
          <h2 id={titleId} className="text-sm font-semibold">
            {t('audit.undo.confirmTitle', { count: confirming.changes.length })}
          </h2>
          <ChangeList label={t('audit.undo.changes')} changes={confirming.changes} />
          <div className="flex gap-2">
            <Button
              variant="danger"
              disabled={undo.isPending}
              onClick={() => undo.mutate(fixId, { onSettled: () => setConfirming(undefined), onSuccess: onDone })}
            >
              {t('audit.undo.confirm', { count: confirming.changes.length })}
            </Button>
            <Button autoFocus onClick={() => setConfirming(undefined)}>
              {t('audit.undo.cancel')}
            </Button>
          </div>
        </div>
      )}
      {undo.isPending && (
        <p role="status" className="text-sm">
          {t('audit.undo.running')}
        </p>
      )}
      {undo.error && <ErrorPanel error={undo.error} />}
      {undo.data && <BulkFixReport result={undo.data} />}
    </div>
  );
}
