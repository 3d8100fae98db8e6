// `pnpm --filter ./bench read-instructions [bff-bundle.js …]`: the instructions a BFF executes per
// proxied `GET /api/insight/permissions`, counted by callgrind. A diagnostic, not a target: CPU
// time per read swings ±15 % between identical runs on these shared machines (and by 2× between
// processes), so a change of a few per cent cannot be told apart by timing. An instruction count
// does not depend on what else the machine is doing, so bundles are counted side by side; the
// median of five windows repeated within about 1 % on the AMD machines (single windows spread
// ±5 %: a garbage collection falls in one window or another); on an Intel Xeon single windows
// spread ±12 % and two medians differed by 9 %, so compare several runs there. Without
// arguments it counts the BFF built from the current sources; give the entry script of another
// build (`tsup --out-dir dist/other` in apps/bff) to compare. READ_INSTRUCTIONS_NODE_ARGS passes Node options to the BFFs.
//
// Each BFF runs under `valgrind --tool=callgrind` with instrumentation off while it starts and
// while 10 000 reads warm it up (counted with them, its JIT's compiling was half of the first
// 1 500 reads), then on for five windows of 3 000 reads, each dumped on its own. The load comes
// from autocannon in this process; the emulator runs natively. Its database is a fresh one on
// the PostgreSQL server at READ_INSTRUCTIONS_POSTGRES (default postgres://postgres@127.0.0.1:5432,
// database `test` for the admin connection): the embedded database reads a session again every
// second, a wall-clock rhythm that callgrind's slowness would turn into a count that depends on
// the run; with PostgreSQL every read looks its session up once (as replicas do), a fixed part.
//
// `--by-module` also says where those instructions went, by JavaScript module (package, Node
// module or source file; `support/callgrind-modules.ts`): each BFF runs with `--perf-basic-prof`,
// whose map names the code V8 compiles. The map costs a little at each compilation, not per read.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { bffUpstreamEnv } from '../apps/emulator/src/bff-upstream-env';
import { buildServers } from './support/build-servers';
import { freePort, startServerProcess, type ServerProcess } from './support/child-process';
import { instructionsByModule, ownerOf, type ModuleShare } from './support/callgrind-modules';
import { dashboardWithPermissions } from './support/dashboard-with-permissions';
import { median } from './support/paired-runs';
import { signInThroughBff, startOptionsOf } from './support/stack';

const warmReads = 10_000;
const countedReads = 3_000;
const windows = 5;
const postgres = (process.env.READ_INSTRUCTIONS_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');

function need(command: string, args: string[], why: string): void {
  if (spawnSync(command, args, { stdio: 'ignore' }).status !== 0) throw new Error(`${command} is needed ${why}`);
}

function psql(sql: string): void {
  const r = spawnSync('psql', [`${postgres}/test`, '-v', 'ON_ERROR_STOP=1', '-qc', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql at ${postgres} failed: ${r.stderr}`);
}

async function load(url: string, headers: Record<string, string>, amount: number): Promise<void> {
  const r = await autocannon({ url, headers, connections: 10, amount, timeout: 120 });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${r.non2xx} answers not 2xx, ${r.errors} errors`);
}

/** Sends a callgrind control command (`-i on`, `-d`) to the process; vgdb finds it by $HOST too. */
function control(pid: number, args: string[]): void {
  const r = spawnSync('callgrind_control', [...args, String(pid)], {
    encoding: 'utf8',
    env: { ...process.env, HOST: '127.0.0.1' },
  });
  if (!/OK/.test(r.stdout)) throw new Error(`callgrind_control ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
}

interface Count {
  /** Instructions per read, one figure a window. */
  perRead: number[];
  /** With `--by-module`: instructions per read by module over all windows, and their total. */
  byModule?: { total: number; modules: ModuleShare[] };
}

async function instructionsPerRead(script: string, emulatorUrl: string, byModule: boolean): Promise<Count> {
  const dir = mkdtempSync(join(tmpdir(), 'portico-instructions-'));
  const database = `portico_instructions_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  psql(`CREATE DATABASE ${database}`);
  let bff: ServerProcess | undefined;
  try {
    bff = await startServerProcess({
      name: 'the BFF under callgrind',
      script,
      port: await freePort(),
      runUnder: [
        'valgrind',
        '--tool=callgrind',
        // V8 writes the code it compiles into anonymous memory.
        '--smc-check=all-non-file',
        '--instr-atstart=no',
        `--callgrind-out-file=${join(dir, 'callgrind.out')}`,
      ],
      nodeArgs: [
        // As production starts it (its heap option: docs/decisions/0013).
        ...startOptionsOf('bff'),
        ...(process.env.READ_INSTRUCTIONS_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
        ...(byModule ? ['--perf-basic-prof'] : []),
      ],
      // startServerProcess sets HOST=127.0.0.1, which valgrind also names its control pipes after.
      env: {
        ...bffUpstreamEnv(emulatorUrl),
        DATABASE_URL: `${postgres}/${database}`,
        DATA_DIR: join(dir, 'bff'),
        WEB_DIST_DIR: join(dir, 'no-web'),
      },
      readyPath: '/api/session',
      readyWithinMs: 300_000,
      logFile: join(dir, 'bff.log'),
    });
    const url = bff.url;
    const headers = await signInThroughBff(url);
    const q = new URLSearchParams({
      resource_id: await dashboardWithPermissions(url, headers),
      resource_type: 'dashboard',
    });
    const target = `${url}/api/insight/permissions?${q}`;
    await load(target, headers, warmReads);
    control(bff.pid, ['-i', 'on']);
    const perRead: number[] = [];
    const dumps: string[] = [];
    for (let w = 1; w <= windows; w++) {
      await load(target, headers, countedReads);
      // Each dump zeroes the counts: one file per window.
      control(bff.pid, ['-d']);
      // The dump is written by the process itself, a moment after the command is taken.
      const dumped = join(dir, `callgrind.out.${w}`);
      for (let i = 0; i < 600 && !existsSync(dumped); i++) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 1000));
      const dump = readFileSync(dumped, 'utf8');
      const total = Number(/^summary: (\d+)/m.exec(dump)?.[1]);
      if (!Number.isFinite(total) || total === 0) throw new Error(`no instruction count in ${dumped}`);
      perRead.push(total / countedReads);
      if (byModule) dumps.push(dump);
    }
    if (!byModule) return { perRead };
    const perfMap = readFileSync(perfMapOf(bff.pid), 'utf8');
    const bundle = { file: script, text: readFileSync(script, 'utf8') };
    const shares = new Map<string, number>();
    let total = 0;
    for (const dump of dumps) {
      const counted = instructionsByModule(dump, perfMap, bundle);
      total += counted.total;
      for (const m of counted.modules) shares.set(m.module, (shares.get(m.module) ?? 0) + m.instructions);
    }
    const reads = countedReads * windows;
    const modules = [...shares]
      .map(([module, n]) => ({ module, instructions: n / reads }))
      .sort((a, b) => b.instructions - a.instructions);
    return { perRead, byModule: { total: total / reads, modules } };
  } finally {
    if (bff && byModule) rmSync(perfMapOf(bff.pid), { force: true });
    await bff?.stop();
    psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    rmSync(dir, { recursive: true, force: true });
  }
}

need('valgrind', ['--version'], 'to count instructions (Debian: apt-get install valgrind)');
need('psql', ['--version'], 'for the BFF database (Debian: apt-get install postgresql-client)');
psql('SELECT 1');
const perfMapOf = (pid: number) => join(tmpdir(), `perf-${pid}.map`);

const servers = buildServers();
const args = process.argv.slice(2);
const byModule = args.includes('--by-module');
const scripts = args.filter((a) => a !== '--by-module').map((s) => resolve(s));
if (scripts.length === 0) scripts.push(servers.bff);
const dir = mkdtempSync(join(tmpdir(), 'portico-instructions-emulator-'));
const emulator = await startServerProcess({
  name: 'emulator',
  script: servers.emulator,
  port: await freePort(),
  env: { DATA_DIR: join(dir, 'data') },
  readyPath: '/__emulator/health',
  logFile: join(dir, 'emulator.log'),
});
try {
  const counts = await Promise.all(scripts.map((s) => instructionsPerRead(s, emulator.url, byModule)));
  scripts.forEach((s, i) => {
    const count = counts[i]!;
    const k = count.perRead.map((c) => c / 1000);
    console.log(
      `${median(k).toFixed(1)}k instructions per read (windows: ${k.map((x) => x.toFixed(1)).join(', ')})  ${s}`,
    );
    if (!count.byModule) return;
    const { total, modules } = count.byModule;
    const line = (n: number, what: string) =>
      console.log(`  ${(n / 1000).toFixed(1).padStart(6)}k  ${((n / total) * 100).toFixed(1).padStart(5)} %  ${what}`);
    const owners = new Map<string, number>();
    for (const m of modules) {
      const owner = ownerOf(m.module);
      owners.set(owner, (owners.get(owner) ?? 0) + m.instructions);
    }
    for (const [owner, n] of [...owners].sort((a, b) => b[1] - a[1])) line(n, owner);
    console.log('  by module:');
    for (const m of modules.slice(0, 30)) line(m.instructions, m.module);
    if (modules.length > 30) {
      line(
        modules.slice(30).reduce((sum, m) => sum + m.instructions, 0),
        `${modules.length - 30} more modules`,
      );
    }
    line(
      total - modules.reduce((sum, m) => sum + m.instructions, 0),
      "not attributed: the garbage collector, the HTTP parser, libuv, V8's runtime below them, other threads",
    );
  });
} finally {
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
}
