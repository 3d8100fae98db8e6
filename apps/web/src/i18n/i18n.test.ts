import { describe, expect, it } from 'vitest';
import { createTranslator, pickLocale } from './i18n';

describe('translator', () => {
  const tr = createTranslator('en');
  it('looks messages up in the catalogue', () => {
    expect(tr.t('picker.selectedCount', { count: 2 })).toBe('2 selected');
  });
  it('formats bytes with Intl units', () => {
    expect(tr.formatBytes(512)).toBe('512 byte');
    expect(tr.formatBytes(1536)).toBe('1.5 kB');
  });
});

describe('pickLocale', () => {
  it('falls back to English while no other catalogue exists', () => {
    expect(pickLocale(['zh-CN', 'fr'])).toBe('en');
    expect(pickLocale(['en-GB'])).toBe('en');
  });
});
