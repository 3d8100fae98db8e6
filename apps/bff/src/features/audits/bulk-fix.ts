import type {
  AuditRow,
  BulkFixChange,
  BulkFixOutcome,
  BulkFixPlan,
  BulkFixResult,
  Policy,
  ResourceType,
} from '@portico/api-types';
import type { Clock } from './clock';
import { upstreamPacing } from './pacing';
import { policyFix, sameSwitches } from './policy';
import { withRetry } from './retry';
import { runPool } from './run-pool';
import type { SweepLimits } from './sweep-options';
import { toRowError, toUpstreamFailure } from './upstream-failure';

type Ref = { resource_type: ResourceType; resource_id: string };
const key = (r: Ref) => `${r.resource_type}\u0000${r.resource_id}`;

/**
 * The confirmation list: for each selected row the policy breaks, the switches before and after.
 * Rows that are compliant, unreadable or not in the audit are listed as skipped, with why.
 */
export function planBulkFix(
  audit: { id: string; rows: Iterable<AuditRow> },
  selected: readonly Ref[],
  policy: Policy,
): BulkFixPlan {
  const rows = new Map<string, AuditRow>();
  for (const r of audit.rows) rows.set(key(r), r);
  const plan: BulkFixPlan = {
    audit_id: audit.id,
    policy_version: policy.version,
    changes: [],
    skipped: [],
  };
  const seen = new Set<string>();
  for (const ref of selected) {
    if (seen.has(key(ref))) continue;
    seen.add(key(ref));
    const row = rows.get(key(ref));
    const { resource_type, resource_id } = ref;
    if (!row) {
      plan.skipped.push({ resource_type, resource_id, reason: 'not_in_audit' });
      continue;
    }
    const fix = policyFix(row, policy);
    if (!fix || !row.switches) {
      plan.skipped.push({ resource_type, resource_id, reason: 'read_failed' });
    } else if (sameSwitches(fix.after, row.switches)) {
      plan.skipped.push({ resource_type, resource_id, reason: 'compliant' });
    } else {
      plan.changes.push({
        resource_type,
        resource_id,
        ...(row.name !== undefined ? { name: row.name } : {}),
        before: { ...row.switches },
        after: fix.after,
        rule_ids: row.findings.map((f) => f.rule_id),
        ...(row.update_date !== undefined ? { expected_update_date: row.update_date } : {}),
      });
    }
  }
  return plan;
}

/**
 * The reverse of a fix: every save that succeeded (or only those named) goes back to its
 * `before`, expecting the record as the fix left it so a later edit is not overwritten.
 * Saves that earlier undos of the same fix already reverted are left out.
 */
export function planUndo(
  fix: BulkFixResult,
  only?: readonly Ref[],
  earlierUndos: readonly BulkFixResult[] = [],
): BulkFixChange[] {
  const wanted = only ? new Set(only.map(key)) : undefined;
  const undone = new Set(earlierUndos.flatMap((u) => u.outcomes.filter((o) => o.status === 'succeeded').map(key)));
  return fix.outcomes
    .filter((o) => o.status === 'succeeded' && (!wanted || wanted.has(key(o))) && !undone.has(key(o)))
    .map((o) => ({
      resource_type: o.resource_type,
      resource_id: o.resource_id,
      ...(o.name !== undefined ? { name: o.name } : {}),
      before: o.after,
      after: o.before,
      rule_ids: o.rule_ids,
      ...(o.result_update_date !== undefined ? { expected_update_date: o.result_update_date } : {}),
    }));
}

export interface SaveResult {
  /** The saved record's `update_date`. */
  update_date?: number;
}

export interface ApplyChangesDeps {
  save(change: BulkFixChange, signal: AbortSignal): Promise<SaveResult>;
  /**
   * Writes a change as pending before it is sent (e.g. to the activity log); returns the entry's
   * id. A rejection stops the run before this change is sent: changes already started finish and
   * are recorded, and the run rejects with it.
   */
  begin?(change: BulkFixChange): Promise<string | undefined>;
  /**
   * Writes the final outcome of one change (settling what `begin` wrote, when `activityId` is
   * given); returns the entry's id.
   */
  record?(outcome: BulkFixOutcome, activityId: string | undefined): Promise<string | undefined>;
  limits?: Partial<SweepLimits>;
  clock?: Clock;
  random?: () => number;
  signal?: AbortSignal;
}

/**
 * Saves each change with the sweep's concurrency, rate cap and retry rules. Every change ends as
 * an outcome, succeeded or failed with the upstream's error; outcomes keep the plan's order.
 */
export async function applyChanges(
  changes: readonly BulkFixChange[],
  deps: ApplyChangesDeps,
): Promise<BulkFixOutcome[]> {
  const { clock, random, concurrency, limiter, policy } = upstreamPacing(deps);
  const signal = deps.signal ?? new AbortController().signal;
  const retryDeps = { clock, random, limiter, signal };
  const outcomes: BulkFixOutcome[] = new Array(changes.length);
  await runPool(
    changes.map((change, index) => ({ change, index })),
    concurrency,
    async ({ change, index }) => {
      const begun = await deps.begin?.(change);
      let outcome: BulkFixOutcome;
      try {
        const saved = await withRetry((s) => deps.save(change, s ?? signal), policy, retryDeps);
        outcome = {
          ...change,
          status: 'succeeded',
          ...(saved.update_date !== undefined ? { result_update_date: saved.update_date } : {}),
        };
      } catch (e) {
        outcome = { ...change, status: 'failed', error: toRowError(toUpstreamFailure(e)) };
      }
      const activityId = (await deps.record?.(outcome, begun)) ?? begun;
      outcomes[index] = activityId ? { ...outcome, activity_id: activityId } : outcome;
    },
    signal,
  );
  return outcomes.filter((o) => o !== undefined);
}
