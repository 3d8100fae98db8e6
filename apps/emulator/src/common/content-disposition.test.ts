import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from './content-disposition';

describe('attachmentDisposition', () => {
  it('keeps plain ASCII names as they are', () => {
    expect(attachmentDisposition('Sales Q3.zip')).toBe('attachment; filename="Sales Q3.zip"');
  });

  it('replaces quotes and path characters and adds filename* for non-ASCII names', () => {
    expect(attachmentDisposition('a"b/c.zip')).toBe(`attachment; filename="a_b_c.zip"; filename*=UTF-8''a%22b%2Fc.zip`);
    expect(attachmentDisposition('报表.zip')).toBe(
      `attachment; filename="__.zip"; filename*=UTF-8''%E6%8A%A5%E8%A1%A8.zip`,
    );
  });
});
