import { listWorkflowsResponseSchema, upstreamPaths, type ExportWorkflowsRequest } from '@portico/api-types/upstream';
import type { IncomingMessage } from 'node:http';
import type { UpstreamConfig } from '../config/upstream-config';
import type { TokenHolder } from './insight-client';
import { jsonContentType, upstreamHeaders } from './upstream-headers';
import { expectFileAnswer, notAFile } from './upstream-body';
import { sendUpstream, upstreamJson } from './upstream-request';

/** SecMaster workflows of the configured workspace; throws `UpstreamError`. */
export function createSecmasterClient(cfg: UpstreamConfig) {
  const common = { service: 'secmaster' as const, base: cfg.secmaster, timeoutMs: cfg.timeoutMs };
  const paths = upstreamPaths.secmaster;
  return {
    /** The upstream timeout; for a file, also the longest silence `streamDownload` allows mid-file. */
    timeoutMs: cfg.timeoutMs,
    async listWorkflows(s: TokenHolder, q: { offset: number; limit: number; name?: string }, signal?: AbortSignal) {
      const { data } = await upstreamJson(
        {
          ...common,
          method: 'GET',
          path: paths.workflows(cfg.projectId, cfg.secmasterWorkspaceId),
          query: q,
          // The spec requires content-type even on GET.
          headers: upstreamHeaders(s.token, { contentType: jsonContentType }),
          signal,
        },
        (b) => listWorkflowsResponseSchema.safeParse(b),
      );
      return data;
    },
    async exportWorkflows(s: TokenHolder, body: ExportWorkflowsRequest, signal?: AbortSignal): Promise<IncomingMessage> {
      const res = await sendUpstream({
        ...common,
        method: 'POST',
        path: paths.exportWorkflows(cfg.projectId, cfg.secmasterWorkspaceId),
        headers: upstreamHeaders(s.token, { contentType: jsonContentType }),
        body: JSON.stringify(body),
        signal,
      });
      return expectFileAnswer(res, 'secmaster', notAFile.secmaster, cfg.timeoutMs, signal);
    },
  };
}
export type SecmasterClient = ReturnType<typeof createSecmasterClient>;
