import { exportResourcePackageBodySchema, exportableResourceTypeSchema, type ResourceType } from '@portico/api-types';
import { Button } from '../../../components/ui/button';
import { DownloadStatus } from '../../../components/ui/download-status';
import { FormField, inputClass } from '../../../components/ui/form-field';
import { useZodForm } from '../../../components/ui/use-zod-form';
import { useT } from '../../../i18n/i18n';
import { useDownload } from '../../../lib/use-download';
import { exportResourcePackage } from '../api/export-resource-package';

// The form checks the package's own fields with the BFF's schema; the resources come from the picker.
const packageFormSchema = exportResourcePackageBodySchema.omit({ resources: true });

export function ResourcePackageForm({
  workspaceId,
  resources,
}: {
  workspaceId: string | undefined;
  resources: { resource_type: ResourceType; resource_id: string }[];
}) {
  const { t } = useT();
  const download = useDownload();
  const form = useZodForm(packageFormSchema, {
    defaultValues: { name: '', export_param: { export_dataset_tag_permission: false } },
  });
  const exportable = resources.flatMap((r) => {
    const type = exportableResourceTypeSchema.safeParse(r.resource_type);
    return type.success ? [{ resource_type: type.data, resource_id: r.resource_id }] : [];
  });
  const hasPortal = exportable.length < resources.length;
  const onSubmit = form.handleSubmit((values) => {
    if (exportable.length === 0) return;
    void download.start((opts) => exportResourcePackage(workspaceId, { ...values, resources: exportable }, opts));
  });
  const busy = download.state.status === 'downloading';
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="package-title" className="space-y-3">
      <h2 id="package-title" className="text-base font-semibold">
        {t('export.package.title')}
      </h2>
      <p className="text-sm" role="status">
        {exportable.length > 0
          ? t('export.package.resources', { count: exportable.length })
          : t('export.package.noResources')}
      </p>
      {hasPortal && <p className="text-xs text-amber-800 dark:text-amber-200">{t('export.package.portalExcluded')}</p>}
      <FormField
        label={t('export.package.name')}
        error={form.formState.errors.name && t('export.package.nameRequired')}
      >
        <input className={`${inputClass} max-w-sm`} required {...form.register('name')} />
      </FormField>
      <div className="flex items-start gap-2">
        <input
          id="tag-permission"
          type="checkbox"
          className="mt-1"
          aria-describedby="tag-permission-help"
          {...form.register('export_param.export_dataset_tag_permission')}
        />
        <div>
          <label htmlFor="tag-permission" className="text-sm font-medium">
            {t('export.package.tagPermission')}
          </label>
          <p id="tag-permission-help" className="text-xs text-slate-600 dark:text-slate-400">
            {t('export.package.tagPermissionHelp')}
          </p>
        </div>
      </div>
      <Button type="submit" variant="primary" disabled={busy || exportable.length === 0}>
        {t('export.package.submit')}
      </Button>
      <DownloadStatus state={download.state} onCancel={download.cancel} />
    </form>
  );
}
