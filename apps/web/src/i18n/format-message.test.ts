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
  it('prefers an exact-value branch to the plural category', () => {
    const tpl = '{count, plural, =0 {No filters} one {# filter} other {# filters}}';
    expect(formatMessage('en', tpl, { count: 0 })).toBe('No filters');
    expect(formatMessage('en', tpl, { count: 1 })).toBe('1 filter');
    expect(formatMessage('en', tpl, { count: 2 })).toBe('2 filters');
  });
  it('leaves unknown placeholders visible rather than blank', () => {
    expect(formatMessage('en', 'by {user}')).toBe('by {user}');
  });
});
