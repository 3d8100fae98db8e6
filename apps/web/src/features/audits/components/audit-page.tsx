import { useState } from 'react';
import { useT } from '../../../i18n/i18n';
import { useWorkspaceId } from '../../../lib/use-workspace-id';
import { useAuditRun } from '../api/use-audit-run';
import { AuditResults } from './audit-results';
import { AuditRunPanel } from './audit-run-panel';
import { DriftView } from './drift-view';
import { PastAudits } from './past-audits';
import { PolicyEditor } from './policy-editor';
import { StartAuditForm } from './start-audit-form';
import { StoredAudit } from './stored-audit';

const panel = 'rounded border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900';

/** The Audit screen (the route checks the role): run an audit, read past ones, keep the policy, compare, export, fix. */
export function AuditPage({ canFix, canEditPolicy }: { canFix: boolean; canEditPolicy: boolean }) {
  const { t } = useT();
  const workspaceId = useWorkspaceId();
  const run = useAuditRun();
  const [openId, setOpenId] = useState<string>();
  const [compare, setCompare] = useState<string[]>([]);
  const [from, to] = compare;
  return (
    <div className="space-y-4">
      <h1 className="text-base font-semibold">{t('audit.title')}</h1>
      {!workspaceId ? (
        <p className="text-sm">{t('audit.pickWorkspace')}</p>
      ) : (
        <>
          <div className="grid gap-4 lg:grid-cols-2">
            <div className={`${panel} space-y-3`}>
              <StartAuditForm
                workspaceId={workspaceId}
                running={run.state.status === 'running'}
                onStart={(request) => {
                  setOpenId(undefined);
                  void run.start(request).then((id) => {
                    if (id) setOpenId(id);
                  });
                }}
              />
              <AuditRunPanel state={run.state} onCancel={() => void run.cancel()} />
            </div>
            <div className={panel}>
              <PastAudits
                workspaceId={workspaceId}
                openId={openId}
                onOpen={setOpenId}
                compare={compare}
                onCompare={setCompare}
              />
            </div>
          </div>
          <div className={panel}>
            <PolicyEditor canEdit={canEditPolicy} />
          </div>
          {from && to && (
            <div className={panel}>
              <DriftView from={from} to={to} />
            </div>
          )}
          <div className={panel}>
            {run.state.status === 'running' ? (
              <AuditResults rows={run.state.rows} canFix={false} />
            ) : openId ? (
              <StoredAudit key={openId} id={openId} canFix={canFix} />
            ) : (
              <p className="text-sm">{t('audit.view.none')}</p>
            )}
          </div>
        </>
      )}
    </div>
  );
}
