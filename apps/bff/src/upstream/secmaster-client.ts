import { listWorkflowsResponseSchema, upstreamPaths, type ExportWorkflowsRequest } from '@portico/api-types/upstream';
import type { UpstreamAnswer } from './upstream-answer';
import type { UpstreamConfig } from '../config/upstream-config';
import type { TokenHolder } from './insight-client';
import { jsonContentType, upstreamHeaders } from './upstream-headers';
import { expectFileAnswer, notAFile } from './upstream-body';
import { sendUpstream, serviceRequests, upstreamJson } from './upstream-request';
import type { CancelSignal } from './cancel-signal';

/** SecMaster workflows of the configured workspace; throws `UpstreamError`. */
export function createSecmasterClient(cfg: UpstreamConfig) {
  const request = serviceRequests('secmaster', cfg.secmaster, cfg.timeoutMs, cfg.secureContext);
  const paths = upstreamPaths.secmaster;
  return {
    /** The upstream timeout; for a file, also the longest silence `streamDownload` allows mid-file. */
    timeoutMs: cfg.timeoutMs,
    async listWorkflows(s: TokenHolder, q: { offset: number; limit: number; name?: string }, signal?: CancelSignal) {
      const { data } = await upstreamJson(
        // The spec requires content-type even on GET.
        request(
          'GET',
          paths.workflows(cfg.projectId, cfg.secmasterWorkspaceId),
          upstreamHeaders(s.token, { contentType: jsonContentType }),
          {
            query: q,
            signal,
          },
        ),
        (b) => listWorkflowsResponseSchema.safeParse(b),
      );
      return data;
    },
    async exportWorkflows(
      s: TokenHolder,
      body: ExportWorkflowsRequest,
      signal?: CancelSignal,
    ): Promise<UpstreamAnswer> {
      const res = await sendUpstream(
        request(
          'POST',
          paths.exportWorkflows(cfg.projectId, cfg.secmasterWorkspaceId),
          upstreamHeaders(s.token, { contentType: jsonContentType }),
          {
            body: JSON.stringify(body),
            signal,
          },
        ),
      );
      return expectFileAnswer(res, 'secmaster', notAFile.secmaster, cfg.timeoutMs, signal);
    },
  };
}
export type SecmasterClient = ReturnType<typeof createSecmasterClient>;
