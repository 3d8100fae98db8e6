import {
  assetJobIdResponseSchema,
  assetJobSchema,
  upstreamPaths,
  type ImportAssetsQuery,
} from '@portico/api-types/upstream';
import type { Readable } from 'node:stream';
import type { UpstreamConfig } from '../config/upstream-config';
import type { TokenHolder } from './insight-client';
import { jsonContentType, upstreamHeaders } from './upstream-headers';
import { serviceRequests, upstreamJson } from './upstream-request';
import type { CancelSignal } from './cancel-signal';

/** ROMA Connect assets of the configured instance; throws `UpstreamError`. */
export function createRomaClient(cfg: UpstreamConfig) {
  const request = serviceRequests('roma', cfg.roma, cfg.timeoutMs, cfg.secureContext);
  const paths = upstreamPaths.roma;
  return {
    /** Streams `body` (a multipart/form-data body with boundary `contentType`) upstream. */
    async importAssets(
      s: TokenHolder,
      q: ImportAssetsQuery,
      body: Readable,
      contentType: string,
      signal?: CancelSignal,
    ) {
      const { data } = await upstreamJson(
        request(
          'POST',
          paths.importAssets(cfg.projectId, cfg.romaInstanceId),
          upstreamHeaders(s.token, { contentType }),
          {
            query: q,
            body,
            signal,
          },
        ),
        (b) => assetJobIdResponseSchema.safeParse(b),
      );
      return data;
    },
    async getJob(s: TokenHolder, jobId: string, signal?: CancelSignal) {
      const { data } = await upstreamJson(
        request(
          'GET',
          paths.job(cfg.projectId, cfg.romaInstanceId, jobId),
          upstreamHeaders(s.token, { contentType: jsonContentType }),
          {
            signal,
          },
        ),
        (b) => assetJobSchema.safeParse(b),
      );
      return data;
    },
  };
}
export type RomaClient = ReturnType<typeof createRomaClient>;
