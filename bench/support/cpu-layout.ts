// Where the processes of a through-the-BFF comparison run. On a machine with few CPUs the load
// generator, the emulator and the BFF compete for the same cores: "through the BFF" then pays
// for the BFF's CPU out of the budget the straight baseline spent on the emulator and the load
// generator, and the ratio measures how the machine is shared as much as the BFF. So the proxy,
// import and export scenarios measure each ratio twice and report both figures:
// - `split`: the BFF alone on its own CPUs; the load generator and the emulator together on the
//   others, in both runs (straight and through) — as in a deployment, where the BFF has its own
//   host and the cloud API is elsewhere. Needs `taskset` (util-linux) and at least 2 CPUs.
// - `shared`: every process may run on every CPU, the operating system decides.
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

export type CpuLayout = 'split' | 'shared';

export const layoutLabel: Record<CpuLayout, string> = {
  split: 'BFF on its own CPU',
  shared: 'all processes sharing the CPUs',
};

/** CPU lists (`taskset -c` syntax) for the BFF and for everything else. */
export interface CpuSets {
  bff: string;
  rest: string;
}

const range = (from: number, to: number) => (from === to ? String(from) : `${from}-${to}`);

let tasksetChecked: boolean | undefined;
const hasTaskset = () => (tasksetChecked ??= spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0);

/** The layouts this machine can run, the split one first. */
export function availableLayouts(): CpuLayout[] {
  return availableParallelism() >= 2 && hasTaskset() ? ['split', 'shared'] : ['shared'];
}

export function cpuSets(layout: CpuLayout): CpuSets {
  const n = availableParallelism();
  const all = range(0, n - 1);
  if (layout === 'shared') return { bff: all, rest: all };
  const half = Math.floor(n / 2);
  return { bff: range(half, n - 1), rest: range(0, half - 1) };
}

/** Moves a running process, all its threads, onto `cpus`. */
export function pin(pid: number, cpus: string): void {
  const r = spawnSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`taskset -c ${cpus} ${pid} failed: ${r.stderr}`);
}

/**
 * Places the stack's two servers for `layout` and answers the CPUs the caller's load process
 * must run on (`undefined`: anywhere).
 */
export function place(
  servers: { bff: { pid: number }; emulator: { pid: number } },
  layout: CpuLayout,
): string | undefined {
  const sets = cpuSets(layout);
  if (!hasTaskset()) return undefined;
  pin(servers.bff.pid, sets.bff);
  pin(servers.emulator.pid, sets.rest);
  return layout === 'split' ? sets.rest : undefined;
}
