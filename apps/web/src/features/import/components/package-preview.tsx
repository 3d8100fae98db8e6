import { maxAssetsPerPackage } from '@portico/api-types';
import { ScrollList } from '../../../components/ui/scroll-list';
import { useT } from '../../../i18n/i18n';
import type { AssetPackagePreview } from '../api/read-asset-package';

export function PackagePreview({ fileName, preview }: { fileName: string; preview: AssetPackagePreview }) {
  const { t } = useT();
  const { manifest, count, overLimit } = preview;
  return (
    <section aria-labelledby="preview-title" className="space-y-2 text-sm">
      <h2 id="preview-title" className="text-base font-semibold">
        {t('import.preview')}: <span className="font-mono break-all">{fileName}</span>
      </h2>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4">
        <dt>{t('import.version')}</dt>
        <dd>{manifest.asset_version}</dd>
      </dl>
      <p
        role={overLimit ? 'alert' : 'status'}
        className={overLimit ? 'font-medium text-red-700 dark:text-red-300' : ''}
      >
        {overLimit
          ? t('import.overLimit', { count, max: maxAssetsPerPackage })
          : t('import.count', { count, max: maxAssetsPerPackage })}
      </p>
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <h3 className="font-medium">
            {t('import.applications')} ({manifest.applications.length})
          </h3>
          <ScrollList aria-label={t('import.applications')} className="max-h-40 list-disc pl-5">
            {manifest.applications.map((a, i) => (
              <li key={`${a.name}-${i}`}>{a.name}</li>
            ))}
          </ScrollList>
        </div>
        <div>
          <h3 className="font-medium">
            {t('import.tasks')} ({manifest.tasks.length})
          </h3>
          <ScrollList aria-label={t('import.tasks')} className="max-h-40 list-disc pl-5">
            {manifest.tasks.map((task, i) => (
              <li key={`${task.name}-${i}`}>{task.name}</li>
            ))}
          </ScrollList>
        </div>
      </div>
    </section>
  );
}
