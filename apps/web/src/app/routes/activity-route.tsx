import { can, type ActivityEntry } from '@portico/api-types';
import { useQueryClient } from '@tanstack/react-query';
import { activityKeys } from '../../features/activity/api/list-activity';
import { ActivityPage } from '../../features/activity/components/activity-page';
import { UndoFixButton } from '../../features/audits/components/undo-fix-button';
import { useSession } from '../../features/session/api/get-session';

/** The bulk fix a successful `audit.fix` entry belongs to, if any. */
const fixIdOf = (entry: ActivityEntry): string | undefined => {
  const fixId = entry.details?.fix_id;
  return entry.operation === 'audit.fix' && entry.outcome === 'success' && typeof fixId === 'string'
    ? fixId
    : undefined;
};

/** Activity, where an admin can undo a bulk fix from any of its entries. */
export function ActivityRoute() {
  const session = useSession().data;
  const qc = useQueryClient();
  const canFix = session ? can(session.roles, 'fixAudits') : false;
  const refresh = () => void qc.invalidateQueries({ queryKey: activityKeys.all });
  if (!canFix) return <ActivityPage />;
  return (
    <ActivityPage
      rowAction={(entry) => {
        const fixId = fixIdOf(entry);
        return fixId ? <UndoFixButton fixId={fixId} target={entry.target} onDone={refresh} /> : null;
      }}
    />
  );
}
