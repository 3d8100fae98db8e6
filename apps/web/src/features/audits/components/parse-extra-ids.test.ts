import { describe, expect, it } from 'vitest';
import { parseExtraIds } from './parse-extra-ids';

describe('parseExtraIds', () => {
  it('reads type:id lines and commas, and names the lines it cannot read', () => {
    expect(parseExtraIds('portal:p-1\n metric : m-2 , bogus:x\nnocolon\n\n')).toEqual({
      resources: [
        { resource_type: 'portal', resource_id: 'p-1' },
        { resource_type: 'metric', resource_id: 'm-2' },
      ],
      invalid: ['bogus:x', 'nocolon'],
    });
  });
});
