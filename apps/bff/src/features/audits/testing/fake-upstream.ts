import type { AuditResourceRef, PermissionsRecord, ResourceType } from '@portico/api-types';
import type { Clock } from '../clock';
import type { RequestGate, SweepUpstream } from '../sweep-options';
import { upstreamFailure } from '../upstream-failure';

/** What one read answers: a record (after the latency) or a thrown failure. */
export type ReadScript = (ref: AuditResourceRef, attempt: number) => Error | undefined;

export function permissionsRecord(
  ref: Pick<AuditResourceRef, 'resource_type' | 'resource_id'>,
  overrides: Partial<PermissionsRecord> = {},
): PermissionsRecord {
  return {
    id: `auth-${ref.resource_id}`,
    project_id: 'p1',
    workspace_id: 'ws1',
    resource_id: ref.resource_id,
    resource_type: ref.resource_type,
    owner: 'u-owner',
    auth_switch_config: { use: true },
    create_date: 1_700_000_000_000,
    create_user: 'u-owner',
    create_user_name: 'olga',
    update_date: 1_700_000_100_000,
    update_user: 'u-owner',
    update_user_name: 'olga',
    ...overrides,
  };
}

export function refs(type: ResourceType, count: number, prefix = type): AuditResourceRef[] {
  return Array.from({ length: count }, (_, i) => ({
    resource_type: type,
    resource_id: `${prefix}-${i}`,
    name: `${prefix} ${i}`,
  }));
}

/**
 * An in-memory upstream on a (fake) clock: records every read's start time, the highest number
 * of reads in flight, and how many attempts each resource took.
 */
export class FakeUpstream implements SweepUpstream {
  readonly starts: number[] = [];
  /** When each list-page request started, and how many attempts each `type/page` took. */
  readonly listStarts: number[] = [];
  readonly listAttempts = new Map<string, number>();
  readonly attempts = new Map<string, number>();
  inFlight = 0;
  maxInFlight = 0;
  aborted = 0;

  constructor(
    private readonly clock: Clock,
    private readonly listed: Partial<Record<ResourceType, AuditResourceRef[]>>,
    private readonly options: {
      latencyMs?: number;
      script?: ReadScript;
      record?: (ref: AuditResourceRef) => Partial<PermissionsRecord>;
      listFailure?: Partial<Record<ResourceType, Error>>;
      /** List pages of this many records (default: one page holds them all), each taking this long. */
      pageSize?: number;
      listLatencyMs?: number;
      listScript?: (type: ResourceType, page: number, attempt: number) => Error | undefined;
    } = {},
  ) {}

  async *enumerate(type: ResourceType, gate: RequestGate): AsyncIterable<AuditResourceRef> {
    const all = this.listed[type] ?? [];
    const size = this.options.pageSize ?? Math.max(1, all.length);
    for (let page = 0; page === 0 || page * size < all.length; page++) {
      const items = await gate(async (signal) => {
        const key = `${type}/${page}`;
        const attempt = (this.listAttempts.get(key) ?? 0) + 1;
        this.listAttempts.set(key, attempt);
        this.listStarts.push(this.clock.now());
        if (this.options.listLatencyMs) await this.clock.sleep(this.options.listLatencyMs, signal);
        const failure = this.options.listFailure?.[type] ?? this.options.listScript?.(type, page, attempt);
        if (failure) throw failure;
        return all.slice(page * size, (page + 1) * size);
      });
      yield* items;
    }
  }

  async readPermissions(ref: AuditResourceRef, signal: AbortSignal): Promise<PermissionsRecord> {
    const key = `${ref.resource_type}/${ref.resource_id}`;
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempt);
    this.starts.push(this.clock.now());
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await this.clock.sleep(this.options.latencyMs ?? 20, signal);
    } catch (e) {
      this.aborted += 1;
      throw e;
    } finally {
      this.inFlight -= 1;
    }
    const failure = this.options.script?.(ref, attempt);
    if (failure) throw failure;
    return permissionsRecord(ref, this.options.record?.(ref));
  }
}

export const notFound = () =>
  upstreamFailure(404, '24010003', { message: 'Resource does not exist.', request_id: 'req-404' });
export const tooMany = (retryAfterMs?: number) =>
  upstreamFailure(429, 'APIGW.0308', {
    request_id: 'req-429',
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
export const unavailable = () => upstreamFailure(503, 'APIGW.0203', { request_id: 'req-503' });

/** A deterministic stand-in for Math.random. */
export function seededRandom(seed = 42): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
