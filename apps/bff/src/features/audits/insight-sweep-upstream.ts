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
/** List pages of one type in flight at once, after the first (which tells the count). */
export const enumeratePagesAtOnce = 8;

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
      const pageAt = (offset: number) => {
        const page = gate((signal) =>
          deps.client.listResources(deps.session, deps.workspaceId, type, { offset, limit: enumeratePageSize }, signal),
        );
        // A page left behind (the enumeration stopped or a page before it failed) must not
        // surface as an unhandled rejection; awaiting it still throws.
        page.catch(() => {});
        return { offset, page };
      };
      // `offset` counts records (see the insight contract); stop at `count` or an empty page.
      // The first page tells the count and the provider's real page size; the pages left are
      // then asked for together (a few at a time), not one round trip after another.
      let round = [pageAt(0)];
      let stride = enumeratePageSize;
      for (;;) {
        let next = 0;
        let count = 0;
        for (const { offset, page: pending } of round) {
          const page = await pending;
          for (const item of page.items) {
            yield {
              resource_type: type,
              resource_id: item.id,
              name: item.name,
              ...(item.create_user_name !== undefined ? { owner_name: item.create_user_name } : {}),
            };
          }
          next = offset + page.items.length;
          count = page.count;
          if (page.items.length === 0 || next >= count) return;
          if (offset === 0) stride = page.items.length;
          // A short page before the end: the offsets asked after it assumed a full one.
          else if (page.items.length < stride) break;
        }
        round = [];
        for (let at = next; at < count && round.length < enumeratePagesAtOnce; at += stride) {
          round.push(pageAt(at));
        }
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
