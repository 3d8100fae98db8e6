import {
  cooperateAuthorizationPropertiesSchema,
  listConnectionsResponseSchema,
  listDashboardsResponseSchema,
  listDatasetsResponseSchema,
  listWorkspacesResponseSchema,
  upstreamPaths,
  type CooperateAuthorizationProperties,
  type ExportResourcePackageRequest,
  type GetPropertiesQuery,
  type ListableResourceType,
  type SavePropertiesRequest,
} from '@portico/api-types/upstream';
import type { UpstreamAnswer } from './upstream-answer';
import type { UpstreamConfig } from '../config/upstream-config';
import { jsonContentType, upstreamHeaders } from './upstream-headers';
import { expectFileAnswer, notAFile } from './upstream-body';
import { sendUpstream, serviceRequests, upstreamJson } from './upstream-request';
import type { CancelSignal } from './cancel-signal';

/** What an upstream call needs from a session: only the token. */
export interface TokenHolder {
  token: string;
}

export interface ResourcePage {
  count: number;
  items: {
    id: string;
    name: string;
    create_user_name?: string;
    create_date?: number;
    update_user_name?: string;
    update_date?: number;
  }[];
}

/**
 * DataArts Insight, with `project_id`, `instance_id`, `X-Auth-Token` and `X-Workspace-Id`
 * filled in. Every function throws `UpstreamError` on failure.
 */
export function createInsightClient(cfg: UpstreamConfig) {
  const base = cfg.insight;
  const request = serviceRequests('insight', base, cfg.timeoutMs, cfg.secureContext);
  const paths = upstreamPaths.insight;

  return {
    /** The upstream timeout; for a file, also the longest silence `streamDownload` allows mid-file. */
    timeoutMs: cfg.timeoutMs,
    async listWorkspaces(s: TokenHolder, q: { offset?: number; limit?: number; name?: string }, signal?: CancelSignal) {
      const { data } = await upstreamJson(
        request('GET', paths.workspaces(cfg.projectId, cfg.insightInstanceId), upstreamHeaders(s.token), {
          query: q,
          signal,
        }),
        (b) => listWorkspacesResponseSchema.safeParse(b),
      );
      return data;
    },

    /** One page of a listable type, normalised to `{count, items}`. */
    async listResources(
      s: TokenHolder,
      workspaceId: string,
      type: ListableResourceType,
      q: { offset: number; limit: number; name?: string },
      signal?: CancelSignal,
    ): Promise<ResourcePage> {
      const headers = upstreamHeaders(s.token, { workspaceId });
      const list = (path: string) => request('GET', path, headers, { query: q, signal });
      if (type === 'datasource') {
        const { data } = await upstreamJson(list(paths.connections(cfg.projectId)), (b) =>
          listConnectionsResponseSchema.safeParse(b),
        );
        return {
          count: data.count,
          items: data.page_data.map((c) => ({
            id: c.id,
            name: c.name,
            create_user_name: c.creation_user_name,
            create_date: c.creation_date,
            update_user_name: c.update_user_name,
            update_date: c.update_date,
          })),
        };
      }
      if (type === 'dataset') {
        const { data } = await upstreamJson(list(paths.datasets(cfg.projectId)), (b) =>
          listDatasetsResponseSchema.safeParse(b),
        );
        return { count: data.count, items: data.page_data };
      }
      const { data } = await upstreamJson(list(paths.dashboards(cfg.projectId, type)), (b) =>
        listDashboardsResponseSchema.safeParse(b),
      );
      return { count: data.count, items: data.page_data };
    },

    async readPermissions(
      s: TokenHolder,
      workspaceId: string,
      q: GetPropertiesQuery,
      signal?: CancelSignal,
    ): Promise<CooperateAuthorizationProperties> {
      const { data } = await upstreamJson(
        request('GET', paths.properties(cfg.projectId), upstreamHeaders(s.token, { workspaceId }), {
          query: { resource_id: q.resource_id, resource_type: q.resource_type },
          signal,
        }),
        (b) => cooperateAuthorizationPropertiesSchema.safeParse(b),
      );
      return data;
    },

    async savePermissions(
      s: TokenHolder,
      workspaceId: string,
      body: SavePropertiesRequest,
      signal?: CancelSignal,
    ): Promise<CooperateAuthorizationProperties> {
      const { data } = await upstreamJson(
        request(
          'POST',
          paths.properties(cfg.projectId),
          upstreamHeaders(s.token, { workspaceId, contentType: jsonContentType }),
          {
            body: JSON.stringify(body),
            signal,
          },
        ),
        (b) => cooperateAuthorizationPropertiesSchema.safeParse(b),
      );
      return data;
    },

    /** Resolves when the file's headers arrive; the body is the caller's to stream. */
    async exportResourcePackage(
      s: TokenHolder,
      workspaceId: string,
      body: ExportResourcePackageRequest,
      signal?: CancelSignal,
    ): Promise<UpstreamAnswer> {
      const res = await sendUpstream(
        request(
          'POST',
          paths.exportResourcePackage(cfg.projectId),
          upstreamHeaders(s.token, { workspaceId, contentType: jsonContentType }),
          {
            body: JSON.stringify(body),
            signal,
          },
        ),
      );
      return expectFileAnswer(res, 'insight', notAFile.insight, cfg.timeoutMs, signal);
    },
  };
}
export type InsightClient = ReturnType<typeof createInsightClient>;
