import { describe, expect, it } from 'vitest';
import { formatMessage } from './format-message';

describe('formatMessage', () => {
  it('interpolates names and formats numbers for the locale', () => {
    expect(formatMessage('en', 'Hello {name}, {n} rows', { name: 'Ada', n: 10000 })).toBe('Hello Ada, 10,000 rows');
  });
  it('chooses the plural branch', () => {
    const tpl = '{count, plural, one {# resource} other {# resources}}';
    expect(formatMessage('en', tpl, { count: 1 })).toBe('1 resource');
    expect(formatMessage('en', tpl, { count: 3 })).toBe('3 resources');
  });
  it('leaves unknown placeholders visible rather than blank', () => {
    expect(formatMessage('en', 'by {user}')).toBe('by {user}');
  });
});
