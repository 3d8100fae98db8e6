import {
  dependentSwitches,
  impliedSwitches,
  normaliseAuthSwitchConfig,
  switchesByResourceType,
  type PermissionSwitch,
  type PermissionsRecord,
  type ResourceType,
} from '@portico/api-types';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorPanel } from '../../../components/ui/error-panel';
import { Switch } from '../../../components/ui/switch';
import { useT } from '../../../i18n/i18n';
import { usePermissions } from '../api/get-permissions';
import { permissionKeys } from '../api/permission-keys';
import { conflictRecord, useSavePermissions } from '../api/save-permissions';
import { applySwitchChange } from './apply-switch-change';
import { ConflictNotice } from './conflict-notice';

/** Every collaboration switch of one resource, saved on each flip. */
export function PermissionSwitches({
  workspaceId,
  resourceType,
  resourceId,
  resourceName,
  canEdit,
}: {
  workspaceId: string | undefined;
  resourceType: ResourceType;
  resourceId: string;
  /** Shown as the title when known (the ID then under it); the ID alone otherwise. */
  resourceName?: string;
  canEdit: boolean;
}) {
  const { t, formatDate } = useT();
  const qc = useQueryClient();
  const target = { workspaceId, resourceType, resourceId };
  const query = usePermissions(target);
  const save = useSavePermissions(target);
  const [conflict, setConflict] = useState<{ current: PermissionsRecord; wanted: Record<string, boolean> }>();

  if (query.isPending) return <p className="text-sm">{t('common.loading')}</p>;
  if (query.error) return <ErrorPanel error={query.error} />;
  const record = query.data;
  const values = normaliseAuthSwitchConfig(resourceType, record.auth_switch_config);
  const names = switchesByResourceType[resourceType];

  const submit = (config: Record<string, boolean>, expectedUpdateDate: number | undefined) => {
    setConflict(undefined);
    save.mutate(
      { config, expectedUpdateDate },
      {
        onError: (err) => {
          const current = conflictRecord(err);
          if (current) setConflict({ current, wanted: config });
        },
      },
    );
  };

  const flip = (name: PermissionSwitch, on: boolean) =>
    submit(applySwitchChange(resourceType, record.auth_switch_config, name, on), record.update_date);

  const describe = (name: PermissionSwitch) => {
    const on = impliedSwitches(resourceType, name).map((s) => t(`switch.${s}`));
    const off = dependentSwitches(resourceType, name).map((s) => t(`switch.${s}`));
    return [
      on.length ? t('permissions.alsoOn', { list: on.join(', ') }) : '',
      off.length ? t('permissions.alsoOff', { list: off.join(', ') }) : '',
    ]
      .filter(Boolean)
      .join(' ');
  };

  return (
    <section aria-labelledby="permissions-title" className="space-y-3">
      <div>
        <h2 id="permissions-title" className="text-base font-semibold">
          {t('permissions.title')}: {resourceName ?? <span className="font-mono text-sm">{resourceId}</span>}
        </h2>
        {resourceName && (
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {t(`type.${resourceType}`)} · <span className="font-mono">{resourceId}</span>
          </p>
        )}
        <p className="text-xs text-slate-600 dark:text-slate-400">
          {t('permissions.lastChange', { user: record.update_user_name, date: formatDate(record.update_date) })}
        </p>
      </div>
      {!canEdit && (
        <p role="note" className="text-sm text-slate-700 dark:text-slate-300">
          {t('permissions.readOnly')}
        </p>
      )}
      <div className="divide-y divide-slate-100 dark:divide-slate-800">
        {names.map((name) => (
          <Switch
            key={name}
            label={t(`switch.${name}`)}
            description={describe(name) || undefined}
            checked={values[name] === true}
            disabled={!canEdit}
            // Not disabled while saving: a disabled button drops keyboard focus mid-task.
            onChange={(on) => {
              if (!save.isPending) flip(name, on);
            }}
          />
        ))}
      </div>
      <div aria-live="polite" className="text-xs">
        {save.isPending && t('permissions.saving')}
        {save.isSuccess && t('permissions.saved')}
      </div>
      {conflict && (
        <ConflictNotice
          current={conflict.current}
          onOverwrite={() => submit(conflict.wanted, conflict.current.update_date)}
          onReload={() => {
            qc.setQueryData(permissionKeys.detail(target), conflict.current);
            setConflict(undefined);
            save.reset();
          }}
        />
      )}
      {save.error && !conflict && <ErrorPanel title={t('permissions.saveFailed')} error={save.error} />}
    </section>
  );
}
