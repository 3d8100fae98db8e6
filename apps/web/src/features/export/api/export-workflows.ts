import type { ExportWorkflowsBody } from '@portico/api-types';
import { downloadFile, type DownloadProgress } from '../../../lib/download-file';

export function exportWorkflows(
  body: ExportWorkflowsBody,
  opts: { signal: AbortSignal; onProgress: (p: DownloadProgress) => void },
) {
  return downloadFile('/api/secmaster/workflows/export', body, { ...opts, fallbackName: 'workflow.json' });
}
