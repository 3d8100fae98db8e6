import { can } from '@portico/api-types';
import { useMemo } from 'react';
import { PermissionSwitches } from '../../features/permissions/components/permission-switches';
import { useKnownResourceNames } from '../../features/resources/api/known-resource-names';
import { ResourcePicker } from '../../features/resources/components/resource-picker';
import { refKey, usePickerUrlState } from '../../features/resources/hooks/use-picker-url-state';
import { useSession } from '../../features/session/api/get-session';
import { useT } from '../../i18n/i18n';
import { useWorkspaceId } from '../../lib/use-workspace-id';

/** Resources: pick one on the left, its collaboration switches on the right. */
export function ResourcesRoute() {
  const { t } = useT();
  const { open, setOpen } = usePickerUrlState();
  const session = useSession().data;
  const workspaceId = useWorkspaceId();
  const canEdit = session ? can(session.roles, 'editPermissions') : false;
  // The switches' API knows only the ID; a loaded list page may know the name.
  const openPicks = useMemo(() => (open ? [open] : []), [open]);
  const knownNames = useKnownResourceNames(openPicks);
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <div className="rounded border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
        <h1 className="mb-2 text-base font-semibold">{t('nav.resources')}</h1>
        <ResourcePicker onOpen={setOpen} />
      </div>
      <div className="rounded border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
        {open ? (
          <PermissionSwitches
            key={`${open.resource_type}:${open.resource_id}`}
            workspaceId={workspaceId}
            resourceType={open.resource_type}
            resourceId={open.resource_id}
            resourceName={knownNames.get(refKey(open))}
            canEdit={canEdit}
          />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('permissions.pick')}</p>
        )}
      </div>
    </div>
  );
}
