import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { ZipGuard } from './zip-guard';

const run = (chunks: Buffer[], max: number) => {
  const guard = new ZipGuard(max);
  return { guard, out: buffer(Readable.from(chunks).pipe(guard)) };
};

describe('ZipGuard', () => {
  it('passes a ZIP through unchanged, even when the magic arrives split', async () => {
    const { guard, out } = run([Buffer.from([0x50, 0x4b]), Buffer.from([0x03, 0x04, 1, 2, 3])], 100);
    await expect(guard.ready).resolves.toBeUndefined();
    expect([...(await out)]).toEqual([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
  });

  it('refuses a non-ZIP from its first bytes with 415', async () => {
    const { guard, out } = run([Buffer.from('%PDF-1.7')], 100);
    await expect(guard.ready).rejects.toMatchObject({ status: 415 });
    await expect(out).rejects.toMatchObject({ status: 415 });
  });

  it('refuses a file over the limit with 413 while streaming', async () => {
    const { out } = run([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(10)], 8);
    await expect(out).rejects.toMatchObject({ status: 413 });
  });

  it('refuses an empty file', async () => {
    const { guard, out } = run([], 8);
    await expect(guard.ready).rejects.toMatchObject({ status: 415 });
    await expect(out).rejects.toMatchObject({ status: 415 });
  });
});
