import { ErrorPanel } from '../../../components/ui/error-panel';
import { useT } from '../../../i18n/i18n';
import { useAudit } from '../api/get-audit';
import { AuditResults } from './audit-results';
import { EvidenceDownloads } from './evidence-downloads';

/** One stored audit: who ran it, when, against which policy, its rows and its evidence. */
export function StoredAudit({ id, canFix }: { id: string; canFix: boolean }) {
  const { t, formatDate } = useT();
  const audit = useAudit(id);
  if (audit.isPending) return <p className="text-sm">{t('common.loading')}</p>;
  if (audit.error) return <ErrorPanel error={audit.error} />;
  const a = audit.data;
  return (
    <section aria-labelledby="audit-view-title" className="space-y-3">
      <h2 id="audit-view-title" className="text-base font-semibold">
        {t('audit.view.title', { when: formatDate(a.started_at), by: a.run_by })}
      </h2>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {t('audit.view.meta', {
          status: t(`audit.status.${a.status}`),
          policy: a.policy_version,
          types: a.resource_types.map((type) => t(`type.${type}`)).join(', '),
        })}
      </p>
      <EvidenceDownloads source={{ kind: 'audit', id: a.id }} />
      <AuditResults rows={a.rows} counts={a.counts} auditId={a.id} canFix={canFix} />
    </section>
  );
}
