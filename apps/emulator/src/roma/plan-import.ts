import type { AssetManifest, ImportAssetsQuery } from '@portico/api-types/upstream';
import type { ServiceContext } from '../context';
import type { RomaInstanceState } from './state';

type Reason = { resource_type: 'application' | 'task'; resource_name: string; error_code: string; error_msg: string };

/** The provider documents no codes for per-asset failures; these follow its `ROMA.` style. */
export const assetReasonCodes = { nameExists: 'ROMA.00110002', datasourceExists: 'ROMA.00110003' } as const;

const prefixed = (query: ImportAssetsQuery, name: string) => `${query.prefix ?? ''}${name}`;

/**
 * Why an import fails, decided only by the package and the instance's current content:
 * under `AddNew` an application or task whose (prefixed) name exists; with
 * `datasource_overwrite=false` a task naming a data source the instance already has.
 */
export function importReasons(
  instance: RomaInstanceState,
  manifest: AssetManifest,
  query: ImportAssetsQuery,
): Reason[] {
  const reasons: Reason[] = [];
  if (query.type === 'AddNew') {
    for (const app of manifest.applications) {
      const name = prefixed(query, app.name);
      if (instance.applications.some((a) => a.name === name)) {
        reasons.push({
          resource_type: 'application',
          resource_name: name,
          error_code: assetReasonCodes.nameExists,
          error_msg: 'An application with this name already exists.',
        });
      }
    }
    for (const task of manifest.tasks) {
      if (instance.tasks.some((t) => t.name === task.name)) {
        reasons.push({
          resource_type: 'task',
          resource_name: task.name,
          error_code: assetReasonCodes.nameExists,
          error_msg: 'A task with this name already exists.',
        });
      }
    }
  }
  if (query.datasource_overwrite === 'false') {
    for (const task of manifest.tasks) {
      const taken = (task.datasources ?? []).filter((d) => instance.datasources.includes(d));
      if (taken.length > 0) {
        reasons.push({
          resource_type: 'task',
          resource_name: task.name,
          error_code: assetReasonCodes.datasourceExists,
          error_msg: `Data source ${taken.join(', ')} already exists and datasource_overwrite is false.`,
        });
      }
    }
  }
  return reasons;
}

/** Stores the package's assets: new ones added, same-named ones updated (`Merge`). */
export function applyImport(
  ctx: ServiceContext,
  instance: RomaInstanceState,
  manifest: AssetManifest,
  query: ImportAssetsQuery,
): void {
  for (const app of manifest.applications) {
    const name = prefixed(query, app.name);
    const existing = instance.applications.find((a) => a.name === name);
    if (existing) existing.description = app.description ?? existing.description;
    else instance.applications.push({ id: ctx.newId(), name, description: app.description ?? '' });
  }
  for (const task of manifest.tasks) {
    const application = task.application === undefined ? undefined : prefixed(query, task.application);
    const datasources = task.datasources ?? [];
    const existing = instance.tasks.find((t) => t.name === task.name);
    if (existing) Object.assign(existing, { application, datasources });
    else instance.tasks.push({ id: ctx.newId(), name: task.name, application, datasources });
    for (const d of datasources) if (!instance.datasources.includes(d)) instance.datasources.push(d);
  }
}
