import { setMaxListeners } from 'node:events';
import type { AuditResourceRef, AuditRow, EnumerationError } from '@portico/api-types';
import { upstreamPacing } from './pacing';
import { effectiveSwitches, evaluateRow, type UnjudgedRow } from './policy';
import { withRetry, type RetryDeps, type RetryPolicy } from './retry';
import { runPool } from './run-pool';
import type { RequestGate, SweepDeps, SweepOutcome, SweepRequest } from './sweep-options';
import { toRowError, toUpstreamFailure } from './upstream-failure';

const refKey = (r: Pick<AuditResourceRef, 'resource_type' | 'resource_id'>) =>
  `${r.resource_type}\u0000${r.resource_id}`;

/**
 * Lists every type (each page under the rate cap, retried alone), then adds the extra IDs,
 * deduplicated. A type whose listing finally fails is reported, and the others still audited.
 */
async function enumerateAll(
  deps: SweepDeps,
  request: SweepRequest,
  retry: RetryDeps & { policy: RetryPolicy },
  signal: AbortSignal,
): Promise<{ refs: AuditResourceRef[]; errors: EnumerationError[] }> {
  const byKey = new Map<string, AuditResourceRef>();
  const errors: EnumerationError[] = [];
  const gate: RequestGate = (call) => withRetry((s) => call(s ?? signal), retry.policy, retry);
  const listed = await Promise.all(
    request.resourceTypes.map(async (type) => {
      const refs: AuditResourceRef[] = [];
      try {
        for await (const ref of deps.upstream.enumerate(type, gate)) refs.push(ref);
        return refs;
      } catch (e) {
        if (signal.aborted) throw e;
        errors.push({ resource_type: type, error: toRowError(toUpstreamFailure(e)) });
        return [];
      }
    }),
  );
  for (const ref of listed.flat()) if (!byKey.has(refKey(ref))) byKey.set(refKey(ref), ref);
  for (const ref of request.extraResources) {
    if (!byKey.has(refKey(ref))) byKey.set(refKey(ref), { ...ref });
  }
  return { refs: [...byKey.values()], errors };
}

/**
 * Audits a workspace: enumerates the resources, then reads each one's collaboration switches
 * with bounded concurrency under a request-rate cap, retrying 429/5xx/network failures. Each
 * result is emitted as a row the moment it arrives; a read that finally fails is a `failed` row
 * with its error, never dropped. Aborting the signal stops new reads, aborts those in flight and
 * resolves with `status: 'cancelled'`.
 */
export async function runSweep(deps: SweepDeps, request: SweepRequest): Promise<SweepOutcome> {
  const { clock, random, concurrency, limiter, policy } = upstreamPacing(deps);
  // One internal controller: the caller's abort and nothing else cancels the sweep.
  const controller = new AbortController();
  // Every lane and every pending sleep listens to it: more than Node's default ten, by design.
  setMaxListeners(0, controller.signal);
  const onAbort = () => controller.abort(request.signal?.reason);
  if (request.signal?.aborted) onAbort();
  request.signal?.addEventListener('abort', onAbort, { once: true });
  const signal = controller.signal;
  const retryDeps = { clock, random, limiter, signal, policy };
  const outcome: SweepOutcome = {
    status: 'finished',
    total: 0,
    done: 0,
    failed: 0,
    nonCompliant: 0,
    enumerationErrors: [],
  };
  let started = false;
  try {
    const { refs, errors } = await enumerateAll(deps, request, retryDeps, signal);
    outcome.total = refs.length;
    outcome.enumerationErrors = errors;
    started = true;
    request.onEvent({ type: 'started', total: refs.length, enumeration_errors: errors });
    const every = request.progressEvery ?? Math.max(1, Math.floor(refs.length / 200));
    const emit = (row: AuditRow) => {
      outcome.done += 1;
      if (row.status === 'failed') outcome.failed += 1;
      if (row.compliance === 'non_compliant') outcome.nonCompliant += 1;
      request.onEvent({ type: 'row', row });
      if (outcome.done % every === 0 || outcome.done === outcome.total) {
        request.onEvent({ type: 'progress', done: outcome.done, total: outcome.total });
      }
    };
    await runPool(
      refs,
      concurrency,
      async (ref) => {
        let row: UnjudgedRow;
        try {
          const record = await withRetry((s) => deps.upstream.readPermissions(ref, s ?? signal), policy, retryDeps);
          row = {
            resource_type: ref.resource_type,
            resource_id: ref.resource_id,
            ...(ref.name !== undefined ? { name: ref.name } : {}),
            owner: record.owner,
            owner_name: ref.owner_name ?? record.create_user_name,
            switches: effectiveSwitches(ref.resource_type, record.auth_switch_config),
            update_user_name: record.update_user_name,
            update_date: record.update_date,
            status: 'ok',
          };
        } catch (e) {
          if (signal.aborted) return; // cancelled, not failed: the audit says how far it got
          row = {
            resource_type: ref.resource_type,
            resource_id: ref.resource_id,
            ...(ref.name !== undefined ? { name: ref.name } : {}),
            ...(ref.owner_name !== undefined ? { owner_name: ref.owner_name } : {}),
            status: 'failed',
            error: toRowError(toUpstreamFailure(e)),
          };
        }
        emit(evaluateRow(row, request.policy));
      },
      signal,
    );
  } catch (e) {
    if (!signal.aborted) throw e;
  } finally {
    request.signal?.removeEventListener('abort', onAbort);
  }
  if (signal.aborted && (!started || outcome.done < outcome.total)) outcome.status = 'cancelled';
  return outcome;
}
