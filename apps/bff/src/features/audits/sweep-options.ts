import type {
  AuditEvent,
  AuditResourceRef,
  EnumerationError,
  PermissionsRecord,
  Policy,
  ResourceType,
} from '@portico/api-types';
import type { Clock } from './clock';
import type { RetryPolicy } from './retry';

export const defaultSweepConcurrency = 16;
/** Upstream requests per second when the configuration names none. */
export const defaultSweepRatePerSecond = 1_000;

/**
 * Runs one upstream request under the sweep's rules (rate cap, retries with backoff, cancel);
 * the request gets the signal to pass on.
 */
export type RequestGate = <T>(request: (signal: AbortSignal) => Promise<T>) => Promise<T>;

/** What the sweep needs from the upstream; the BFF adapts its client to these. */
export interface SweepUpstream {
  /**
   * The resources of one type (for types with no list API: the IDs already known). Every
   * upstream request it makes (each list page) goes through `gate`, so listing counts against
   * the rate cap and a failed page is retried alone.
   */
  enumerate(type: ResourceType, gate: RequestGate): AsyncIterable<AuditResourceRef>;
  readPermissions(ref: AuditResourceRef, signal: AbortSignal): Promise<PermissionsRecord>;
}

export interface SweepLimits {
  concurrency: number;
  ratePerSecond: number;
  /** Defaults to `concurrency`: a sweep may open all its lanes at once, then keeps the rate. */
  burst?: number;
  retry: RetryPolicy;
}

/** The events the sweep itself emits; the router adds the audit's id, `finished` and `error`. */
export type SweepEvent =
  | { type: 'started'; total: number; enumeration_errors: EnumerationError[] }
  | Extract<AuditEvent, { type: 'row' | 'progress' }>;

export interface SweepRequest {
  resourceTypes: readonly ResourceType[];
  extraResources: readonly Pick<AuditResourceRef, 'resource_type' | 'resource_id'>[];
  policy: Policy;
  signal?: AbortSignal;
  onEvent: (event: SweepEvent) => void;
  /** Emit `progress` every this many rows (and after the last); default ~200 per sweep. */
  progressEvery?: number;
}

export interface SweepDeps {
  upstream: SweepUpstream;
  limits?: Partial<SweepLimits>;
  clock?: Clock;
  random?: () => number;
}

export interface SweepOutcome {
  status: 'finished' | 'cancelled';
  total: number;
  done: number;
  failed: number;
  nonCompliant: number;
  enumerationErrors: EnumerationError[];
}
