import {
  isListableResourceType,
  type AuditResourceRef,
  type PermissionsRecord,
  type ResourceType,
} from '@portico/api-types';
import type { InsightClient, TokenHolder } from '../../upstream/insight-client';
import type { SweepUpstream } from './sweep-options';

/** The provider's largest page. */
export const enumeratePageSize = 1000;

export interface InsightSweepDeps {
  client: Pick<InsightClient, 'listResources' | 'readPermissions'>;
  session: TokenHolder;
  workspaceId: string;
  /** For types with no list API: IDs earlier audits (or the activity log) know. */
  knownIds(type: ResourceType): Promise<string[]>;
}

/**
 * The sweep's upstream over the BFF's DataArts Insight client. The client throws `UpstreamError`,
 * which already has the `UpstreamFailure` fields (status, code, message, request_id); timeouts
 * (504) and unreachable hosts (502) count as retryable 5xx.
 */
export function insightSweepUpstream(deps: InsightSweepDeps): SweepUpstream {
  return {
    async *enumerate(type, gate): AsyncIterable<AuditResourceRef> {
      if (!isListableResourceType(type)) {
        for (const id of await deps.knownIds(type)) yield { resource_type: type, resource_id: id };
        return;
      }
      // `offset` counts records (see the insight contract); stop at `count` or an empty page.
      for (let offset = 0; ;) {
        const page = await gate((signal) =>
          deps.client.listResources(
            deps.session,
            deps.workspaceId,
            type,
            { offset, limit: enumeratePageSize },
            signal,
          ),
        );
        for (const item of page.items) {
          yield {
            resource_type: type,
            resource_id: item.id,
            name: item.name,
            ...(item.create_user_name !== undefined ? { owner_name: item.create_user_name } : {}),
          };
        }
        offset += page.items.length;
        if (page.items.length === 0 || offset >= page.count) return;
      }
    },
    readPermissions(ref, signal): Promise<PermissionsRecord> {
      return deps.client.readPermissions(
        deps.session,
        deps.workspaceId,
        { resource_type: ref.resource_type, resource_id: ref.resource_id },
        signal,
      );
    },
  };
}
