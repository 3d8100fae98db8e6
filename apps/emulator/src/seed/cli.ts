/* eslint-disable no-console -- a command-line tool */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { createEmulatorApp } from '../app';

/** `pnpm --filter ./apps/emulator seed -- --resources 10000 --data-dir DIR [--seed N]`: writes state.json. */
const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    resources: { type: 'string', default: '300' },
    'data-dir': { type: 'string', default: './.data' },
    seed: { type: 'string', default: '1' },
  },
});
const resources = Number(values.resources);
const seed = Number(values.seed);
if (!Number.isInteger(resources) || resources < 0 || !Number.isInteger(seed)) {
  console.error('--resources and --seed must be whole numbers');
  process.exit(2);
}
const dataDir = resolve(values['data-dir']);
const { existsSync, rmSync } = await import('node:fs');
// A fresh seed replaces the state file rather than loading it.
if (existsSync(resolve(dataDir, 'state.json'))) rmSync(resolve(dataDir, 'state.json'));
const emulator = createEmulatorApp({ dataDir, seedResources: resources, seed });
await emulator.flush();
console.info(`Seeded ${resources} DataArts Insight resources (seed ${seed}) into ${dataDir}/state.json`);
