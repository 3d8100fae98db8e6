import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { rename, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

export const stateFileName = 'state.json';

/** Reads the persisted state, or undefined for a new data folder. */
export function readStateFile(dataDir: string): unknown {
  try {
    return JSON.parse(readFileSync(join(dataDir, stateFileName), 'utf8')) as unknown;
  } catch (err) {
    if (err && typeof err === 'object' && 'code' in err && err.code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Temp file + rename: a crash mid-write never leaves a half-written state file. */
export async function writeStateFile(dataDir: string, state: unknown): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const tmp = join(dataDir, `${stateFileName}.${process.pid}.tmp`);
  await writeFile(tmp, JSON.stringify(state));
  await rename(tmp, join(dataDir, stateFileName));
}

export function writeStateFileSync(dataDir: string, state: unknown): void {
  mkdirSync(dataDir, { recursive: true });
  const tmp = join(dataDir, `${stateFileName}.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, join(dataDir, stateFileName));
}

/**
 * Debounced persistence: `markDirty` schedules one write; `flush` writes now if anything is
 * pending (and waits for a write in progress) so close() never loses the last change.
 */
export function createPersister(dataDir: string | undefined, snapshot: () => unknown, debounceMs = 250) {
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  let writing: Promise<void> = Promise.resolve();
  const write = () => {
    timer = undefined;
    if (!dirty || dataDir === undefined) return writing;
    dirty = false;
    const dir = dataDir;
    writing = writing.then(() => writeStateFile(dir, snapshot()));
    return writing;
  };
  return {
    markDirty(): void {
      dirty = true;
      if (dataDir !== undefined && timer === undefined) timer = setTimeout(() => void write(), debounceMs);
    },
    async flush(): Promise<void> {
      if (timer !== undefined) clearTimeout(timer);
      await write();
    },
  };
}
