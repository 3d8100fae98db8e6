import busboy from 'busboy';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/**
 * busboy finds part boundaries with streamsearch, which the project patches
 * (`patches/streamsearch@1.1.0.patch`: `Buffer#indexOf` instead of a JavaScript Boyer-Moore-Horspool
 * loop). Whatever the file holds (pieces of the boundary line included) and wherever the body is
 * cut into chunks, the parts must come out exactly as they went in.
 */

const boundary = 'portico-7f3a9c';
const delimiter = `\r\n--${boundary}`;

/** File bytes that look like the delimiter in part: its prefixes, near misses, the boundary alone. */
const trickyPiece = fc.oneof(
  fc.uint8Array({ minLength: 0, maxLength: 200 }),
  fc.integer({ min: 1, max: delimiter.length - 1 }).map((n) => Buffer.from(delimiter.slice(0, n))),
  fc.integer({ min: 0, max: delimiter.length - 1 }).map((n) => {
    const near = Buffer.from(delimiter);
    near[n] = near[n]! ^ 0x20;
    return near;
  }),
  fc.constant(Buffer.from(`--${boundary}`)),
  fc.constant(Buffer.from('\r\n\r\n--')),
);

function body(file: Buffer, note: string): Buffer {
  return Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\n${note}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.zip"\r\n`),
    Buffer.from('Content-Type: application/zip\r\n\r\n'),
    file,
    Buffer.from(`${delimiter}--\r\n`),
  ]);
}

/** Parses `raw` fed in pieces ending at `cuts`; answers the field and the file as busboy gave them. */
function parse(raw: Buffer, cuts: number[]): Promise<{ note: string; file: Buffer }> {
  return new Promise((resolve, reject) => {
    const parser = busboy({ headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    let note = '';
    const parts: Buffer[] = [];
    parser.on('field', (_name, value) => (note = value));
    parser.on('file', (_name, stream) => {
      stream.on('data', (chunk: Buffer) => parts.push(Buffer.from(chunk)));
    });
    parser.on('error', reject);
    parser.on('close', () => resolve({ note, file: Buffer.concat(parts) }));
    let from = 0;
    for (const cut of [...cuts, raw.length]) {
      parser.write(raw.subarray(from, cut));
      from = cut;
    }
    parser.end();
  });
}

describe('multipart boundary search (patched streamsearch)', () => {
  it('gives back every part exactly, wherever the body is cut and whatever the file holds', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Pieces may join into a whole delimiter (with the CRLF ending the part's headers, too),
        // which really ends the part: such files are left out, as a sender's boundary never occurs.
        fc
          .array(trickyPiece, { maxLength: 30 })
          .filter((p) => !Buffer.concat([Buffer.from('\r\n'), ...p]).includes(delimiter)),
        fc.string({ maxLength: 40 }).filter((s) => !s.includes('\r') && !s.includes('\n')),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (pieces, note, rawCuts) => {
          const file = Buffer.concat(pieces);
          const raw = body(file, note);
          const cuts = [...new Set(rawCuts.map((c) => c % (raw.length + 1)))].sort((a, b) => a - b);
          const got = await parse(raw, cuts);
          expect(got.note).toBe(note);
          expect(got.file.equals(file)).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('finds a delimiter cut at every byte, and in one-byte pieces', async () => {
    const file = Buffer.concat([Buffer.alloc(100_000, 7), Buffer.from(delimiter.slice(0, 9)), Buffer.alloc(50, 9)]);
    const raw = body(file, 'n');
    const end = raw.indexOf(`${delimiter}--`);
    for (let cut = end - 2; cut <= end + delimiter.length + 2; cut += 1) {
      expect((await parse(raw, [cut])).file.equals(file)).toBe(true);
    }
    const small = body(Buffer.from(`x${delimiter.slice(0, 5)}y`), 'n');
    const ones = Array.from({ length: small.length - 1 }, (_, i) => i + 1);
    expect((await parse(small, ones)).file.toString()).toBe(`x${delimiter.slice(0, 5)}y`);
  });
});
