import {
  importAssetFileField,
  importAssetsResultSchema,
  type ImportAssetsOptions,
  type ImportAssetsResult,
} from '@portico/api-types';
import { buildHeaders, reportError, toQueryString } from '../../../lib/api-client';
import { ApiError, apiErrorFromResponse } from '../../../lib/api-error';
import { rememberLastJob } from './last-job';

export interface UploadHandle {
  result: Promise<ImportAssetsResult>;
  abort: () => void;
}

/**
 * Uploads an asset package with XMLHttpRequest, the one browser API that reports upload
 * progress; `abort()` rejects `result` with an AbortError.
 */
export function importAssets(
  file: File,
  options: ImportAssetsOptions,
  onProgress: (loaded: number, total: number) => void,
): UploadHandle {
  const xhr = new XMLHttpRequest();
  const result = new Promise<ImportAssetsResult>((resolve, reject) => {
    const qs = toQueryString({
      type: options.type,
      prefix: options.prefix,
      datasource_overwrite: options.datasource_overwrite,
    });
    xhr.open('POST', `/api/roma/assets/import${qs}`);
    buildHeaders('POST').forEach((value, name) => xhr.setRequestHeader(name, value));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded, e.total);
    };
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'network_error'));
    xhr.onload = () => {
      const res = new Response(xhr.responseText, {
        status: xhr.status,
        headers: { 'x-request-id': xhr.getResponseHeader('x-request-id') ?? '' },
      });
      if (xhr.status < 200 || xhr.status >= 300) {
        void apiErrorFromResponse(res).then((err) => {
          reportError(err);
          reject(err);
        });
        return;
      }
      void res.json().then((json: unknown) => {
        const parsed = importAssetsResultSchema.safeParse(json);
        if (!parsed.success) return reject(new ApiError(xhr.status, 'unexpected_response', parsed.error.message));
        rememberLastJob(parsed.data.job_id);
        resolve(parsed.data);
      }, reject);
    };
    const form = new FormData();
    form.append(importAssetFileField, file, file.name);
    xhr.send(form);
  });
  return { result, abort: () => xhr.abort() };
}
