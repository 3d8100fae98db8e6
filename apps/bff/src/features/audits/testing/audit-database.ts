import { migrate } from '../../../db/migrate';
import { auditsMigration } from '../../../db/migrations/0100-audits';
import { testBackends, type TestDatabase } from '../../../testing/test-databases';

/**
 * The shared test back-ends (PGlite in memory, PostgreSQL in a throw-away schema) with the
 * audits migration applied too, whether or not the migrations index lists it yet.
 */
export const auditTestBackends = testBackends.map((b) => ({
  ...b,
  async open(): Promise<TestDatabase> {
    const t = await b.open();
    await migrate(t.db, [auditsMigration]);
    return t;
  },
}));
