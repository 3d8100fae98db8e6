import { assetJobIdResponseSchema, assetJobSchema, upstreamPaths, type ImportAssetsQuery } from '@portico/api-types/upstream';
import type { Readable } from 'node:stream';
import type { UpstreamConfig } from '../config/upstream-config';
import type { TokenHolder } from './insight-client';
import { jsonContentType, upstreamHeaders } from './upstream-headers';
import { upstreamJson } from './upstream-request';

/** ROMA Connect assets of the configured instance; throws `UpstreamError`. */
export function createRomaClient(cfg: UpstreamConfig) {
  const common = { service: 'roma' as const, base: cfg.roma, timeoutMs: cfg.timeoutMs };
  const paths = upstreamPaths.roma;
  return {
    /** Streams `body` (a multipart/form-data body with boundary `contentType`) upstream. */
    async importAssets(
      s: TokenHolder,
      q: ImportAssetsQuery,
      body: Readable,
      contentType: string,
      signal?: AbortSignal,
    ) {
      const { data } = await upstreamJson(
        {
          ...common,
          method: 'POST',
          path: paths.importAssets(cfg.projectId, cfg.romaInstanceId),
          query: q,
          headers: upstreamHeaders(s.token, { contentType }),
          body,
          signal,
        },
        (b) => assetJobIdResponseSchema.safeParse(b),
      );
      return data;
    },
    async getJob(s: TokenHolder, jobId: string, signal?: AbortSignal) {
      const { data } = await upstreamJson(
        {
          ...common,
          method: 'GET',
          path: paths.job(cfg.projectId, cfg.romaInstanceId, jobId),
          headers: upstreamHeaders(s.token, { contentType: jsonContentType }),
          signal,
        },
        (b) => assetJobSchema.safeParse(b),
      );
      return data;
    },
  };
}
export type RomaClient = ReturnType<typeof createRomaClient>;
