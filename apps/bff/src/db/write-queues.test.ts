import { describe, expect, it } from 'vitest';
import type { Database } from './database';
import { DatabaseUnavailableError } from './database-unavailable';
import { flushWriteQueues, tuneWriteQueues, writeQueue } from './write-queues';

/** Only its identity matters here: the queues are kept per database. */
const someDatabase = () => ({ kind: 'pglite' }) as Database;
const naming = { write: 'test write', lost: 'it is lost' };

describe('write queues of a database', () => {
  it('gives one queue per name and database, tuned as the server asked', async () => {
    const db = someDatabase();
    const warnings: string[] = [];
    tuneWriteQueues(db, { logger: { warn: (_o, msg) => warnings.push(msg), error: () => undefined } });
    const written: string[] = [];
    let down = true;
    const options = {
      write: async (k: string) => {
        if (down) throw new DatabaseUnavailableError(new Error('Connection terminated'));
        written.push(k);
      },
      merge: (_a: string, b: string) => b,
      describe: naming,
    };
    const a = writeQueue<string>(db, 'a', options);
    expect(writeQueue<string>(db, 'a', options)).toBe(a);
    expect(writeQueue<string>(someDatabase(), 'a', options)).not.toBe(a);
    expect(await a.settle('k1', 'v')).toBe('queued');
    expect(warnings).toContain('database unavailable: test write queued for a retry');
    // Once in use, the tuning is fixed.
    expect(() => tuneWriteQueues(db, {})).toThrow(/already in use/);

    // On shutdown every queue tries once more; what the database still refuses is counted by queue.
    const b = writeQueue<string>(db, 'b', options);
    expect(await b.settle('k2', 'v')).toBe('queued');
    expect(await flushWriteQueues(db)).toEqual({ a: 1, b: 1 });

    const c = writeQueue<string>(someDatabase(), 'c', options);
    down = false;
    expect(await c.settle('k3', 'v')).toBe('written');
    expect(written).toEqual(['k3']);
  });

  it("retries only while the database is unavailable: another failure is the caller's", async () => {
    const q = writeQueue<string>(someDatabase(), 'a', {
      write: () => Promise.reject(new Error('syntax error')),
      merge: (_a, b) => b,
      describe: naming,
    });
    await expect(q.settle('k', 'v')).rejects.toThrow('syntax error');
    expect(q.size).toBe(0);
  });
});
