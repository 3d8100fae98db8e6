import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends, type TestDatabase } from '../testing/test-databases';
import { storable, storableJson, storableParams } from './storable-text';

describe('storable text', () => {
  it('puts U+FFFD in place of every NUL and leaves other text alone', () => {
    expect(storable('a\u0000b\u0000')).toBe('a\uFFFDb\uFFFD');
    expect(storable('plain ✓')).toBe('plain ✓');
    expect(storableParams([undefined, null, '\u0000', 7, '{"a":"\\u0000"}'])).toEqual([
      undefined,
      null,
      '\uFFFD',
      7,
      '{"a":"\\u0000"}',
    ]);
  });

  it('replaces NULs in JSON strings and keys, not text that only reads like the escape', () => {
    const value = {
      'k\u0000': ['x\u0000y', '\\u0000', '\\\u0000', { n: 1, nested: '\u0000\u0000' }],
    };
    const json = storableJson(value);
    expect(JSON.parse(json ?? 'null')).toEqual({
      'k\uFFFD': ['x\uFFFDy', '\\u0000', '\\\uFFFD', { n: 1, nested: '\uFFFD\uFFFD' }],
    });
    expect(storableJson({ a: 'no nul', b: [1, true] })).toBe(JSON.stringify({ a: 'no nul', b: [1, true] }));
    expect(storableJson(undefined)).toBeNull();
    expect(storableJson(null)).toBeNull();
  });
});

describe.each(testBackends)('a text parameter holding a NUL, on $name', ({ open, skip }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    if (!skip) t = await open();
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it.skipIf(skip)('reaches the database with U+FFFD in its place, in and out of a transaction', async () => {
    const [row] = await t.db.query<{ v: string }>('SELECT $1::text AS v', ['a\u0000b']);
    expect(row?.v).toBe('a\uFFFDb');
    const inTx = await t.db.transaction((tx) => tx.query<{ v: string }>('SELECT $1::text AS v', ['\u0000']));
    expect(inTx[0]?.v).toBe('\uFFFD');
  });
});
