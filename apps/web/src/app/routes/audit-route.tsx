import { can } from '@portico/api-types';
import { AuditPage } from '../../features/audits/components/audit-page';
import { useSession } from '../../features/session/api/get-session';
import { RequireCapability } from '../require-session';

/** The Audit screen for admins and auditors; what each may change follows from the role. */
export function AuditRoute() {
  const roles = useSession().data?.roles ?? [];
  return (
    <RequireCapability capability="runAudits">
      <AuditPage canFix={can(roles, 'fixAudits')} canEditPolicy={can(roles, 'managePolicy')} />
    </RequireCapability>
  );
}
