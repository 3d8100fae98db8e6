import { downloadFile, type DownloadProgress } from '../../../lib/download-file';
import { toQueryString } from '../../../lib/api-client';

export type EvidenceFormat = 'csv' | 'json';
export type EvidenceSource = { kind: 'audit'; id: string } | { kind: 'drift'; from: string; to: string };

export function evidencePath(source: EvidenceSource, format: EvidenceFormat): string {
  return source.kind === 'audit'
    ? `/api/audits/${encodeURIComponent(source.id)}/export.${format}`
    : `/api/audits/drift/export.${format}${toQueryString({ from: source.from, to: source.to })}`;
}

/** Streams an evidence file through the shared download helper (GET: no body). */
export function downloadEvidence(
  source: EvidenceSource,
  format: EvidenceFormat,
  opts: { signal: AbortSignal; onProgress: (p: DownloadProgress) => void },
) {
  const fallbackName =
    source.kind === 'audit' ? `audit-${source.id}.${format}` : `drift-${source.from}-${source.to}.${format}`;
  return downloadFile(evidencePath(source, format), undefined, { ...opts, fallbackName });
}
