import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { paddingChunks } from './stream-file';
import { jsonEntry, zipChunks } from './zip-stream';

describe('zipChunks', () => {
  it('produces a valid archive chunk by chunk, generating entries lazily', async () => {
    let generated = 0;
    async function* entries() {
      generated += 1;
      yield jsonEntry('a.json', { a: 1 });
      generated += 1;
      yield { name: 'pad.bin', data: paddingChunks(200_000), compress: false };
    }
    const iterator = zipChunks(entries());
    const first = await iterator.next();
    // Only the first entry exists when the first bytes come out.
    expect(generated).toBe(1);
    const parts: Uint8Array[] = first.value ? [first.value] : [];
    for await (const chunk of { [Symbol.asyncIterator]: () => iterator }) parts.push(chunk);
    expect(parts.length).toBeGreaterThan(3);
    const zip = Buffer.concat(parts);
    const files = unzipSync(new Uint8Array(zip));
    expect(JSON.parse(strFromU8(files['a.json'] as Uint8Array))).toEqual({ a: 1 });
    expect(files['pad.bin']?.length).toBe(200_000);
  });

  it('records the CRC-32 of a stored entry as the data has it, chunk after chunk', async () => {
    const data = new Uint8Array(300_000).map((_, i) => (i * 7919) % 251);
    const chunks = [data.subarray(0, 1), data.subarray(1, 100_000), data.subarray(100_000)];
    const parts: Uint8Array[] = [];
    for await (const c of zipChunks([{ name: 'raw.bin', data: chunks, compress: false }])) parts.push(c);
    const zip = Buffer.concat(parts);
    // The central directory's header (PK\x01\x02) holds the CRC at offset 16.
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(central).toBeGreaterThan(0);
    expect(zip.readUInt32LE(central + 16)).toBe(referenceCrc32(data));
  });
});

/** CRC-32 (IEEE) bit by bit: slow and independent of zlib and fflate. */
function referenceCrc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
