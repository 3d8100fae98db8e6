import type { Policy, PolicyRule } from '@portico/api-types';
import type { Database } from '../../db/database';
import { isoOf, jsonOf } from './db-values';
import { emptyPolicy } from './policy';

export class PolicyVersionConflictError extends Error {
  override readonly name = 'PolicyVersionConflictError';
  constructor(
    readonly current: Policy,
    options?: ErrorOptions,
  ) {
    super(`the policy is at version ${current.version} now`, options);
  }
}

interface PolicyRecord {
  version: number;
  rules: unknown;
  saved_by: string;
  saved_at: unknown;
}

const toPolicy = (r: PolicyRecord): Policy => ({
  version: r.version,
  rules: jsonOf<PolicyRule[]>(r.rules),
  saved_by: r.saved_by,
  saved_at: isoOf(r.saved_at),
});

/** The baseline policy: every save is a new version, old versions stay for the evidence. */
export class PolicyStore {
  constructor(private readonly db: Database) {}

  async current(): Promise<Policy> {
    const [r] = await this.db.query<PolicyRecord>('SELECT * FROM audit_policies ORDER BY version DESC LIMIT 1');
    return r ? toPolicy(r) : emptyPolicy;
  }

  async version(version: number): Promise<Policy | undefined> {
    if (version === 0) return emptyPolicy;
    const [r] = await this.db.query<PolicyRecord>('SELECT * FROM audit_policies WHERE version = $1', [version]);
    return r ? toPolicy(r) : undefined;
  }

  /**
   * Saves the rules as the next version. With `expectedVersion`, refuses when someone saved in
   * between; two racing saves cannot both win because `version` is the primary key.
   */
  async save(rules: PolicyRule[], savedBy: string, at: string, expectedVersion?: number) {
    const current = await this.current();
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      throw new PolicyVersionConflictError(current);
    }
    const next = current.version + 1;
    try {
      await this.db.query(
        'INSERT INTO audit_policies (version, rules, saved_by, saved_at) VALUES ($1, $2::jsonb, $3, $4)',
        [next, JSON.stringify(rules), savedBy, at],
      );
    } catch (e) {
      if ((e as { code?: string }).code === '23505') {
        throw new PolicyVersionConflictError(await this.current(), { cause: e });
      }
      throw e;
    }
    return { version: next, rules, saved_by: savedBy, saved_at: isoOf(at) } satisfies Policy;
  }
}
