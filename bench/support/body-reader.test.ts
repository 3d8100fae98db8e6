import { describe, expect, it } from 'vitest';
import { BodyReader } from './body-reader';

const bytes = (text: string) => Buffer.from(text, 'latin1');

/** Pushes `text` in pieces of `size` bytes through one reused buffer, as the socket does. */
function pushInPieces(reader: BodyReader, text: string, size: number): void {
  const all = bytes(text);
  const reused = Buffer.alloc(size);
  for (let at = 0; at < all.length; at += size) {
    const n = all.copy(reused, 0, at, at + size);
    reader.push(reused.subarray(0, n));
    reused.fill(0x21); // what the next read would overwrite
  }
}

describe('BodyReader', () => {
  it('reads a Content-Length body to its length', () => {
    const r = new BodyReader({ chunked: false, contentLength: 11 });
    r.push(bytes('hello '));
    expect(r.done).toBe(false);
    r.push(bytes('world'));
    expect(r).toMatchObject({ done: true, bytes: 11, sample: 'hello world' });
  });

  it('is done at once for an empty body', () => {
    expect(new BodyReader({ chunked: false, contentLength: 0 }).done).toBe(true);
  });

  it('removes chunked framing, whatever the pieces it arrives in', () => {
    const wire = '5\r\nhello\r\n1;ext=1\r\n \r\nA\r\n0123456789\r\n0\r\nx-trailer: 1\r\n\r\n';
    for (const size of [1, 2, 3, 7, 64]) {
      const r = new BodyReader({ chunked: true });
      pushInPieces(r, wire, size);
      expect(r, `pieces of ${size}`).toMatchObject({ done: true, bytes: 16, sample: 'hello 0123456789' });
    }
  });

  it('keeps only the first 1000 body bytes as its sample, and counts the rest', () => {
    const r = new BodyReader({ chunked: false, contentLength: 3000 });
    r.push(Buffer.alloc(3000, 0x61));
    expect(r.bytes).toBe(3000);
    expect(r.sample).toBe('a'.repeat(1000));
  });

  it('ends a close-framed body when the connection ends', () => {
    const r = new BodyReader({ chunked: false });
    r.push(bytes('all of it'));
    expect(r.done).toBe(false);
    r.end();
    expect(r).toMatchObject({ done: true, bytes: 9 });
  });

  it('does not end a framed body cut short by the close', () => {
    const r = new BodyReader({ chunked: false, contentLength: 10 });
    r.push(bytes('short'));
    r.end();
    expect(r.done).toBe(false);
  });

  it('refuses malformed chunked bodies and bytes past the end', () => {
    expect(() => new BodyReader({ chunked: true }).push(bytes('zz\r\n'))).toThrow(/bad chunk size/);
    expect(() => new BodyReader({ chunked: true }).push(bytes('2\r\nabX\r\n'))).toThrow(/not followed by CRLF/);
    expect(() => new BodyReader({ chunked: false, contentLength: 2 }).push(bytes('abc'))).toThrow(/after the end/);
    expect(() => new BodyReader({ chunked: true }).push(bytes('0\r\n\r\nHTTP'))).toThrow(/after the end/);
    expect(() => new BodyReader({ chunked: false, otherCoding: 'gzip, chunked' })).toThrow(/gzip/);
  });
});
