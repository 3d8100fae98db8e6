import {
  dependentSwitches,
  normaliseAuthSwitchConfig,
  type AuditRow,
  type AuthSwitchConfig,
  type Compliance,
  type Finding,
  type Policy,
  type PolicyRule,
  type ResourceType,
} from '@portico/api-types';

/**
 * The switches a row shows: every switch of the type (implications applied) plus any other key
 * the stored record carries, kept as stored so a policy can see it.
 */
export function effectiveSwitches(type: ResourceType, raw: AuthSwitchConfig | undefined): Record<string, boolean> {
  return { ...raw, ...normaliseAuthSwitchConfig(type, raw) };
}

/** A row as read, before the policy judged it. */
export type UnjudgedRow = Omit<AuditRow, 'compliance' | 'findings'>;

/** The policy in force before an admin saves one: no rules, everything compliant. */
export const emptyPolicy: Policy = { version: 0, rules: [] };

function owns(rule: Extract<PolicyRule, { kind: 'only_owners' }>, row: UnjudgedRow): boolean {
  return [row.owner, row.owner_name].some((o) => o !== undefined && rule.owners.includes(o));
}

function breaks(rule: PolicyRule, row: UnjudgedRow, switches: AuthSwitchConfig): string | null {
  const on = switches[rule.switch] === true;
  switch (rule.kind) {
    case 'must_be_off':
      return on ? `${rule.switch} must be off on every ${rule.resource_type}` : null;
    case 'must_be_on':
      return on ? null : `${rule.switch} must be on on every ${rule.resource_type}`;
    case 'only_owners':
      return on && !owns(rule, row)
        ? `${rule.switch} may be on only for resources owned by ${rule.owners.join(', ')}`
        : null;
  }
}

function findingsFor(row: UnjudgedRow, switches: AuthSwitchConfig, policy: Policy): Finding[] {
  const out: Finding[] = [];
  for (const rule of policy.rules) {
    if (rule.resource_type !== row.resource_type) continue;
    const message = breaks(rule, row, switches);
    if (message !== null) {
      out.push({ rule_id: rule.id, kind: rule.kind, switch: rule.switch, message });
    }
  }
  return out;
}

/** Judges a row: failed reads are `unknown`, others compliant unless a rule is broken. */
export function evaluateRow(row: UnjudgedRow, policy: Policy): AuditRow {
  if (row.status === 'failed' || !row.switches) {
    return { ...row, compliance: 'unknown', findings: [] };
  }
  const findings = findingsFor(row, row.switches, policy);
  const compliance: Compliance = findings.length > 0 ? 'non_compliant' : 'compliant';
  return { ...row, compliance, findings };
}

export interface PolicyFix {
  /** Every switch of the type, implications respected. */
  after: Record<string, boolean>;
  /** What the fix could not satisfy (rules that contradict each other). */
  unresolved: Finding[];
}

/**
 * The switches that make a row compliant, changing as little as the rules allow: switches that
 * must be on go on (with what they imply), then switches that must be off go off together with
 * every switch that depends on them. Returns null for a failed read (nothing to start from).
 */
export function policyFix(row: UnjudgedRow, policy: Policy): PolicyFix | null {
  if (row.status === 'failed' || !row.switches) return null;
  const type = row.resource_type;
  const next = effectiveSwitches(type, row.switches);
  const broken = findingsFor(row, next, policy);
  for (const f of broken) if (f.kind === 'must_be_on') next[f.switch] = true;
  const after = effectiveSwitches(type, next);
  for (const f of broken) {
    if (f.kind === 'must_be_on') continue;
    after[f.switch] = false;
    for (const d of dependentSwitches(type, f.switch)) after[d] = false;
  }
  return { after, unresolved: findingsFor(row, after, policy) };
}

/** True when the two configs give the same effective switches for the type. */
export function sameSwitches(a: AuthSwitchConfig, b: AuthSwitchConfig): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] === true) === (b[k] === true));
}
