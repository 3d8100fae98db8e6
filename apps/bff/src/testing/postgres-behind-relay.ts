import { postgresSchema } from './postgres-schema';
import { startTcpProxy, viaProxy } from './tcp-proxy';
import { testDatabaseUrl } from './test-databases';

/**
 * A fresh schema on the test PostgreSQL, and a migrated pool that reaches it through a TCP relay
 * a test cuts (`relay.down()`) and restores (`relay.up()`) to make the database briefly
 * unavailable; `schema.open()` gives more pools, straight or through the relay.
 */
export async function postgresBehindRelay() {
  const schema = await postgresSchema();
  const target = new URL(testDatabaseUrl);
  const relay = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const db = await schema.open(viaProxy(testDatabaseUrl, relay), { connectionTimeoutMs: 1000 });
  return {
    schema,
    relay,
    db,
    async close() {
      await relay.close();
      await schema.drop();
    },
  };
}
