import { describe, expect, it } from 'vitest';
import { attachment, fileNameFrom, sanitiseFileName } from './content-disposition';

describe('content disposition', () => {
  it('reads plain, quoted and RFC 5987 names', () => {
    expect(fileNameFrom('attachment;filename=workflow.json')).toBe('workflow.json');
    expect(fileNameFrom('attachment; filename="a b.zip"')).toBe('a b.zip');
    expect(fileNameFrom("attachment; filename=x.zip; filename*=UTF-8''%E6%8A%A5%E8%A1%A8.zip")).toBe('报表.zip');
    expect(fileNameFrom(undefined)).toBeUndefined();
  });

  it('strips paths, quotes, control characters and leading dots', () => {
    expect(sanitiseFileName('../../etc/passwd', 'f')).toBe('passwd');
    expect(sanitiseFileName('..\\evil".zip', 'f')).toBe('evil_.zip');
    expect(sanitiseFileName('a\r\nb.zip', 'f')).toBe('a__b.zip');
    expect(sanitiseFileName('...', 'fallback.zip')).toBe('fallback.zip');
    expect(sanitiseFileName('报表.zip', 'f')).toBe('报表.zip');
  });

  it('builds a header with an ASCII fallback', () => {
    expect(attachment('报表.zip')).toBe(`attachment; filename="__.zip"; filename*=UTF-8''%E6%8A%A5%E8%A1%A8.zip`);
  });
});
