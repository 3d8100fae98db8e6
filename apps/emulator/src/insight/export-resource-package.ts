import express, { type Request, type Response, type Router } from 'express';
import { exportResourcePackageRequestSchema } from '@portico/api-types/upstream';
import { attachmentDisposition } from '../common/content-disposition';
import { paddingChunks, streamFile } from '../common/stream-file';
import { jsonEntry, zipChunks, type ZipEntrySource } from '../common/zip-stream';
import type { ServiceContext } from '../context';
import { sendInvalidParameter, sendResourceNotFound } from './errors';
import { workspaceOf } from './guards';
import type { InsightIndexes } from './indexes';
import type { InsightResource, InsightState } from './state';

type Guard = (req: Request, res: Response, next: () => void) => void;

/** Row and tag permissions leave the package unless the caller asked for them. */
const permissionKeys = ['row_permissions', 'tag_permissions'];

function definitionOf(r: InsightResource, withTagPermissions: boolean): Record<string, unknown> {
  const definition = Object.fromEntries(
    Object.entries(r.definition).filter(([k]) => withTagPermissions || !permissionKeys.includes(k)),
  );
  return {
    id: r.id,
    name: r.name,
    resource_type: r.resource_type,
    description: r.description,
    type: r.kind || undefined,
    owner: r.owner,
    create_user_name: r.create_user_name,
    create_date: r.create_date,
    update_date: r.update_date,
    ...definition,
  };
}

/** `POST …/resource-package/export`: validates, then streams a ZIP built as it is sent. */
export function mountExportRoute(
  router: Router,
  ctx: ServiceContext,
  state: InsightState,
  indexes: InsightIndexes,
  guards: Guard[],
): void {
  router.post('/v1/:projectId/resource-package/export', ...guards, express.json({ limit: '1mb' }), async (req, res) => {
    const parsed = exportResourcePackageRequestSchema.safeParse(req.body);
    if (!parsed.success) return sendInvalidParameter(res, parsed.error);
    const workspaceId = workspaceOf(res);
    const resources: InsightResource[] = [];
    for (const ref of parsed.data.resources) {
      const r = indexes.byId.get(ref.resource_id);
      if (!r || r.resource_type !== ref.resource_type || r.workspace_id !== workspaceId) {
        return sendResourceNotFound(res, ref.resource_id);
      }
      // A resource named twice is exported once: a ZIP must not hold two entries of one name.
      if (!resources.includes(r)) resources.push(r);
    }
    const withTags = parsed.data.export_param?.export_dataset_tag_permission === true;
    const faults = ctx.faults();
    const manifest = {
      name: parsed.data.name,
      exported_at: new Date(ctx.now()).toISOString(),
      project_id: state.projectId,
      workspace_id: workspaceId,
      export_dataset_tag_permission: withTags,
      resources: resources.map((r) => ({ resource_type: r.resource_type, resource_id: r.id, name: r.name })),
    };
    function* entries(): Generator<ZipEntrySource> {
      yield jsonEntry('manifest.json', manifest);
      for (const r of resources) yield jsonEntry(`${r.resource_type}/${r.id}.json`, definitionOf(r, withTags));
      if (faults.largeFileBytes !== null && faults.largeFileBytes > 0) {
        yield { name: 'padding.bin', data: paddingChunks(faults.largeFileBytes), compress: false };
      }
    }
    res.status(200);
    res.set('Content-Type', 'application/octet-stream');
    res.set('Content-Disposition', attachmentDisposition(`${parsed.data.name}.zip`));
    await streamFile(res, zipChunks(entries()), faults.cutStreamAfterBytes);
  });
}
