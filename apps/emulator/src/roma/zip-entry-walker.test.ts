import { Zip, ZipDeflate, ZipPassThrough, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ZipEntryWalker } from './zip-entry-walker';

/** Walks `zip` pushed in pieces of `piece` bytes; answers each entry's data, joined. */
function walk(zip: Uint8Array, piece: number): Record<string, Buffer> {
  const cuts: number[] = [];
  for (let i = piece; i < zip.length; i += piece) cuts.push(i);
  return walkCut(zip, cuts);
}

/** Walks `zip` pushed in pieces that end at `cuts`; answers each entry's data, joined. */
function walkCut(zip: Uint8Array, cuts: number[]): Record<string, Buffer> {
  const got: Record<string, Buffer[]> = {};
  const walker = new ZipEntryWalker((name) => {
    got[name] = [];
    return { ondata: (data) => got[name]!.push(Buffer.from(data)) };
  });
  let from = 0;
  for (const cut of [...cuts, zip.length]) {
    walker.push(zip.subarray(from, cut));
    from = cut;
  }
  walker.finish();
  return Object.fromEntries(Object.entries(got).map(([k, v]) => [k, Buffer.concat(v)]));
}

/** A ZIP written as a stream, so every entry ends with a data descriptor (flag bit 3). */
function streamedZip(files: Record<string, { data: Uint8Array; store?: boolean }>): Uint8Array {
  const out: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    out.push(chunk);
  });
  for (const [name, { data, store }] of Object.entries(files)) {
    const entry = store ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(data.subarray(0, 10), false);
    entry.push(data.subarray(10), true);
  }
  zip.end();
  return Buffer.concat(out);
}

// Data holding a descriptor signature whose size field does not match: not an entry's end.
const tricky = Buffer.concat([Buffer.from('PK\x07\x08'), Buffer.alloc(20, 7), Buffer.from('tail of the data')]);
const noise = new Uint8Array(70_000).map((_, i) => (i * 7919) % 253);

describe('ZipEntryWalker', () => {
  it.each([1, 7, 24, 65_536])('reads streamed entries (data descriptors) pushed %i bytes at a time', (piece) => {
    const files = streamedZip({
      'manifest.json': { data: strToU8('{"a":1}'.padEnd(40, ' ')) },
      'raw.bin': { data: tricky, store: true },
      'noise.bin': { data: noise },
    });
    const got = walk(files, piece);
    expect(Object.keys(got)).toEqual(['manifest.json', 'raw.bin', 'noise.bin']);
    expect(got['manifest.json']!.toString()).toBe('{"a":1}'.padEnd(40, ' '));
    expect(got['raw.bin']).toEqual(tricky);
    expect(got['noise.bin']).toEqual(Buffer.from(noise));
  });

  it("finds every entry's end wherever one chunk ends and the next begins", () => {
    const files = streamedZip({
      'manifest.json': { data: strToU8('{"a":1}') },
      'raw.bin': { data: tricky, store: true },
      'small.bin': { data: noise.subarray(0, 300) },
    });
    for (let cut = 1; cut < files.length; cut += 1) {
      const got = walkCut(files, [cut]);
      expect(Object.keys(got), `cut at ${cut}`).toEqual(['manifest.json', 'raw.bin', 'small.bin']);
      expect(got['raw.bin'], `cut at ${cut}`).toEqual(tricky);
      expect(got['small.bin'], `cut at ${cut}`).toEqual(Buffer.from(noise.subarray(0, 300)));
    }
  });

  it('reads entries whose sizes the headers give', () => {
    const zip = zipSync({
      'a.txt': strToU8('hello'),
      'empty.txt': new Uint8Array(0),
      'noise.bin': noise,
    });
    const got = walk(zip, 1000);
    expect(got['a.txt']!.toString()).toBe('hello');
    expect(got['empty.txt']!.length).toBe(0);
    expect(got['noise.bin']).toEqual(Buffer.from(noise));
  });

  it('refuses a truncated archive and a corrupt entry', () => {
    const zip = streamedZip({ 'noise.bin': { data: noise } });
    expect(() => walk(zip.subarray(0, zip.length - 100), 4096)).toThrow(/truncated/);
    const garbled = Buffer.from(zip);
    for (let k = 60; k < garbled.length - 200; k += 7) garbled[k] = garbled[k]! ^ 0xa5;
    expect(() => walk(garbled, 4096)).toThrow(/cannot be inflated|corrupt|truncated/);
  });
});
