import { ResourcePackageForm } from '../../features/export/components/resource-package-form';
import { WorkflowExport } from '../../features/export/components/workflow-export';
import { ResourcePicker } from '../../features/resources/components/resource-picker';
import { usePickerUrlState } from '../../features/resources/hooks/use-picker-url-state';
import { useT } from '../../i18n/i18n';
import { useWorkspaceId } from '../../lib/use-workspace-id';

const panel = 'rounded border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900';

export function ExportRoute() {
  const { t } = useT();
  const { selection } = usePickerUrlState();
  const workspaceId = useWorkspaceId();
  return (
    <div className="space-y-4">
      <h1 className="text-base font-semibold">{t('export.title')}</h1>
      <div className={panel}>
        <ResourcePicker listHeight={260} />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className={panel}>
          <ResourcePackageForm workspaceId={workspaceId} resources={selection} />
        </div>
        <div className={panel}>
          <WorkflowExport />
        </div>
      </div>
    </div>
  );
}
