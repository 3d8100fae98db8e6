import { describe, expect, it } from 'vitest';
import { filenameFromContentDisposition } from './content-disposition';

describe('filenameFromContentDisposition', () => {
  it('reads a plain and a quoted filename', () => {
    expect(filenameFromContentDisposition('attachment;filename=workflow.json', 'x')).toBe('workflow.json');
    expect(filenameFromContentDisposition('attachment; filename="my pkg.zip"', 'x')).toBe('my pkg.zip');
  });
  it("prefers filename*=UTF-8''", () => {
    expect(
      filenameFromContentDisposition(
        'attachment; filename="fallback.zip"; filename*=UTF-8\'\'%E6%8A%A5%E8%A1%A8.zip',
        'x',
      ),
    ).toBe('报表.zip');
  });
  it('falls back when absent and strips paths', () => {
    expect(filenameFromContentDisposition(null, 'export.zip')).toBe('export.zip');
    expect(filenameFromContentDisposition('attachment; filename="../../etc/passwd"', 'x')).toBe('passwd');
  });
});
