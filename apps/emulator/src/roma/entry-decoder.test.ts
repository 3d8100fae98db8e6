import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ZipWalkError, entryDecoder } from './entry-decoder';

/** A decoder of a deflated entry that collects (copies of) what it inflates. */
function inflating(onData?: (total: number) => void) {
  const parts: Buffer[] = [];
  let total = 0;
  let finals = 0;
  const decoder = entryDecoder('data.bin', 8, {
    ondata: (data, final) => {
      if (final) finals += 1;
      parts.push(Buffer.from(data));
      total += data.length;
      onData?.(total);
    },
  });
  return { decoder, inflated: () => Buffer.concat(parts), finals: () => finals };
}

function writeAll(decoder: ReturnType<typeof inflating>['decoder'], data: Buffer, piece: number) {
  for (let i = 0; i < data.length; i += piece) decoder.write(data.subarray(i, i + piece));
}

// Compressible text, so inflating makes far more bytes than go in (several output buffers a piece).
const text = Buffer.from(
  Array.from({ length: 40_000 }, (_, i) => JSON.stringify({ id: i, name: `asset-${(i * 7919) % 10007}` })).join('\n'),
);

describe('entryDecoder', () => {
  it.each([1, 1000, 64 * 1024, 1024 * 1024])(
    'inflates a deflated entry written %i bytes at a time, then calls the handler once with final',
    (piece) => {
      const d = inflating();
      const deflated = deflateRawSync(text, { level: 9 });
      expect(deflated.length).toBeLessThan(text.length / 4);
      writeAll(d.decoder, deflated, piece);
      d.decoder.end();
      expect(d.inflated().equals(text)).toBe(true);
      expect(d.finals()).toBe(1);
    },
  );

  it.each([65_536, 65_537, 65_540, 4 * 1024 * 1024])(
    'inflates all of a piece that makes more than a buffer of output, to the last byte (%i zeros)',
    (bytes) => {
      // Zeros deflate to a few bytes: one small piece can hold all of them, still pending when the
      // input is used up and the output buffer is full.
      const zeros = Buffer.alloc(bytes);
      const d = inflating();
      d.decoder.write(deflateRawSync(zeros, { level: 1 }));
      d.decoder.end();
      expect(d.inflated().equals(zeros)).toBe(true);
    },
  );

  it('inflates stored deflate blocks (level 0) and incompressible data', () => {
    for (const [plain, level] of [
      [text, 0],
      [randomBytes(300_000), 6],
    ] as const) {
      const d = inflating();
      writeAll(d.decoder, deflateRawSync(plain, { level }), 50_000);
      d.decoder.end();
      expect(d.inflated().equals(plain)).toBe(true);
    }
  });

  it('passes a stored entry through as it is', () => {
    const parts: Buffer[] = [];
    const stored = entryDecoder('a.txt', 0, { ondata: (data) => parts.push(Buffer.from(data)) });
    stored.write(Buffer.from('hel'));
    stored.write(Buffer.from('lo'));
    stored.end();
    expect(Buffer.concat(parts).toString()).toBe('hello');
  });

  it('refuses a deflate stream cut short', () => {
    const d = inflating();
    const deflated = deflateRawSync(text);
    writeAll(d.decoder, deflated.subarray(0, deflated.length - 100), 64 * 1024);
    expect(() => d.decoder.end()).toThrow(new ZipWalkError('Entry data.bin cannot be inflated.'));
  });

  it('refuses an entry whose data goes on past the end of its deflate stream', () => {
    const trailing = Buffer.from('trailing bytes the entry claims');
    // Within the same piece as the stream's end, and in a piece of their own.
    for (const piece of [64 * 1024, deflateRawSync(text).length]) {
      const d = inflating();
      expect(() => {
        writeAll(d.decoder, Buffer.concat([deflateRawSync(text), trailing]), piece);
        d.decoder.end();
      }).toThrow(/cannot be inflated/);
      expect(d.finals()).toBe(0);
    }
  });

  it('refuses data that is not deflate', () => {
    const d = inflating();
    expect(() => {
      d.decoder.write(Buffer.alloc(4096, 0xff));
      d.decoder.end();
    }).toThrow(/cannot be inflated/);
  });

  it("lets the handler's own ZipWalkError through when the handler refuses the data", () => {
    const d = inflating((total) => {
      if (total > 100_000) throw new ZipWalkError('manifest.json is too large.');
    });
    expect(() => writeAll(d.decoder, deflateRawSync(text), 64 * 1024)).toThrow('manifest.json is too large.');
  });

  it('refuses a compression method it does not know', () => {
    expect(() => entryDecoder('x.bin', 12, { ondata: () => undefined })).toThrow(/unsupported compression method/);
  });
});
