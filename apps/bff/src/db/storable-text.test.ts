import { describe, expect, it } from 'vitest';
import { storable, storableJson, storableText } from './storable-text';

describe('storable text', () => {
  it('puts U+FFFD in place of every NUL and leaves other text alone', () => {
    expect(storable('a\u0000b\u0000')).toBe('a\uFFFDb\uFFFD');
    expect(storable('plain ✓')).toBe('plain ✓');
    expect(storableText(undefined)).toBeNull();
    expect(storableText(null)).toBeNull();
    expect(storableText('\u0000')).toBe('\uFFFD');
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
