import { apiFetchResponse } from './api-client';
import { filenameFromContentDisposition } from './content-disposition';

export interface DownloadProgress {
  received: number;
  total?: number;
}

export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

/** A stream that ended before its announced length: the file would be broken. */
export class IncompleteDownloadError extends Error {
  constructor(
    readonly received: number,
    readonly expected?: number,
  ) {
    super('incomplete_download');
    this.name = 'IncompleteDownloadError';
  }
}

/**
 * POST (or GET, when there is no body) to a file endpoint and read the body chunk by chunk, reporting bytes as they come.
 * The Blob exists only once the stream completed whole; a cut or abort throws instead.
 */
export async function downloadFile(
  path: string,
  body: unknown,
  opts: {
    signal?: AbortSignal;
    workspaceId?: string;
    onProgress?: (p: DownloadProgress) => void;
    fallbackName: string;
  },
): Promise<DownloadedFile> {
  const method = body === undefined ? 'GET' : 'POST';
  const res = await apiFetchResponse(path, { method, body, signal: opts.signal, workspaceId: opts.workspaceId });
  const lengthHeader = res.headers.get('content-length');
  const total = lengthHeader !== null && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined;
  const filename = filenameFromContentDisposition(res.headers.get('content-disposition'), opts.fallbackName);
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  opts.onProgress?.({ received, total });
  if (res.body) {
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value as Uint8Array<ArrayBuffer>);
        received += value.byteLength;
        opts.onProgress?.({ received, total });
      }
    } catch (err) {
      if (opts.signal?.aborted) throw new DOMException('Aborted', 'AbortError');
      throw err instanceof DOMException && err.name === 'AbortError'
        ? err
        : new IncompleteDownloadError(received, total);
    }
  }
  if (total !== undefined && received !== total) throw new IncompleteDownloadError(received, total);
  const type = res.headers.get('content-type') ?? 'application/octet-stream';
  return { blob: new Blob(chunks, { type }), filename };
}

/** Hand a finished Blob to the browser's own save flow under the given name. */
export function saveBlob(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
