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
});
