import { describe, expect, it } from 'vitest';
import { pageOf } from './paging';

const items = ['alpha', 'Beta', 'gamma', 'delta', 'ALPHABET'].map((name) => ({ name }));

describe('pageOf', () => {
  it('slices by offset and limit with the full count', () => {
    expect(pageOf(items, { offset: 1, limit: 2 })).toEqual({ count: 5, items: [{ name: 'Beta' }, { name: 'gamma' }] });
  });

  it('reads backwards for desc', () => {
    expect(pageOf(items, { offset: 0, limit: 2, desc: true }).items).toEqual([{ name: 'ALPHABET' }, { name: 'delta' }]);
  });

  it('searches case-insensitively and counts the matches', () => {
    expect(pageOf(items, { name: 'alpha', offset: 0, limit: 10 })).toEqual({
      count: 2,
      items: [{ name: 'alpha' }, { name: 'ALPHABET' }],
    });
  });
});
