import type { ExportResourcePackageBody } from '@portico/api-types';
import { downloadFile, type DownloadProgress } from '../../../lib/download-file';

/** Streams the resource package ZIP; resolves only with the whole file. */
export function exportResourcePackage(
  workspaceId: string | undefined,
  body: ExportResourcePackageBody,
  opts: { signal: AbortSignal; onProgress: (p: DownloadProgress) => void },
) {
  return downloadFile('/api/insight/resource-packages/export', body, {
    ...opts,
    workspaceId,
    fallbackName: `${body.name}.zip`,
  });
}
