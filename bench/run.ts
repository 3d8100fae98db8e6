// `pnpm bench [--quick] [--only <text>]`: runs every scenario, prints one line per figure and
// writes them all, with the machine and the date, to bench/results.json. Every figure is a ratio
// against a baseline measured in the same run, or a memory or size figure.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { auditSweepBenchmark } from './audit-sweep';
import { auditSweepEmulatorBenchmark } from './audit-sweep-emulator';
import { exportDownload } from './export-download';
import { importUpload } from './import-upload';
import { permissionsProxy } from './permissions-proxy';
import { soak } from './soak';
import type { BenchScenario, Figure } from './support/scenario';
import { webInitialJsBenchmark } from './web-initial-js';
import { webMatrixFilterBenchmark } from './web-matrix-filter';

const scenarios: BenchScenario[] = [
  auditSweepBenchmark,
  auditSweepEmulatorBenchmark,
  importUpload,
  exportDownload,
  permissionsProxy,
  soak,
  webInitialJsBenchmark,
  webMatrixFilterBenchmark,
];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1]?.toLowerCase() : undefined;

const figures: Figure[] = [];
let crashed = 0;
for (const s of scenarios) {
  if (only && !s.name.toLowerCase().includes(only)) continue;
  console.log(`\n▶ ${s.name}${quick ? ' (quick)' : ''}`);
  try {
    const got = await s.run({ quick, log: (line) => console.log(`  ${line}`) });
    for (const f of got) {
      figures.push(f);
      console.log(`  ${f.holds ? '✔' : '✘'} ${f.figure}: ${+f.value.toFixed(3)} ${f.unit} (target ${f.target})`);
    }
  } catch (e) {
    crashed++;
    console.log(`  ✘ scenario failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}

const results = {
  date: new Date().toISOString(),
  quick,
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: process.platform,
  },
  results: figures,
};
writeFileSync(fileURLToPath(new URL('./results.json', import.meta.url)), `${JSON.stringify(results, null, 2)}\n`);
const missed = figures.filter((f) => !f.holds).length;
console.log(
  `\n${figures.length - missed} of ${figures.length} targets hold${crashed ? `, ${crashed} scenario(s) failed` : ''}; written to bench/results.json`,
);
// A missed target is a finding, not a crash; a scenario that could not run is.
process.exitCode = crashed > 0 ? 1 : 0;
