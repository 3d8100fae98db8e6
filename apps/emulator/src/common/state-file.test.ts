import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPersister, readStateFile } from './state-file';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
const tempDir = async () => {
  const d = await mkdtemp(join(tmpdir(), 'emulator-state-'));
  dirs.push(d);
  return d;
};

describe('createPersister', () => {
  it('writes once after a burst of changes and leaves no temp file', async () => {
    const dir = await tempDir();
    let snapshots = 0;
    const state = { n: 0 };
    const persister = createPersister(
      dir,
      () => {
        snapshots += 1;
        return state;
      },
      20,
    );
    for (let i = 1; i <= 5; i += 1) {
      state.n = i;
      persister.markDirty();
    }
    await new Promise((r) => setTimeout(r, 80));
    expect(snapshots).toBe(1);
    expect(readStateFile(dir)).toEqual({ n: 5 });
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('flush writes pending changes at once and is a no-op when clean', async () => {
    const dir = await tempDir();
    let snapshots = 0;
    const persister = createPersister(
      dir,
      () => {
        snapshots += 1;
        return { saved: true };
      },
      60_000,
    );
    persister.markDirty();
    await persister.flush();
    expect(readStateFile(dir)).toEqual({ saved: true });
    await persister.flush();
    expect(snapshots).toBe(1);
  });
});

describe('readStateFile', () => {
  it('answers undefined for a new folder and throws on a corrupt file', async () => {
    const dir = await tempDir();
    expect(readStateFile(dir)).toBeUndefined();
    await writeFile(join(dir, 'state.json'), '{broken');
    expect(() => readStateFile(dir)).toThrow();
  });
});
