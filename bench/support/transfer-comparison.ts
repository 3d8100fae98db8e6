// The import and export scenarios' one measurement: the same transfer straight to the emulator
// and through the BFF, in alternating pairs, with the BFF's RSS sampled throughout, each server's
// CPU per GiB logged to tell which process sets the pace, and the BFF's minor page faults per GiB
// to tell whether its allocator keeps giving memory back (decision 0014). One unmeasured pair
// warms both servers up first: a fresh Node process's first large transfer pays for its JIT (and,
// in the BFF before docs/decisions/0013, for 16–33 full collections and about twice the CPU of
// later transfers in its first GiB).
import { availableLayouts, layoutLabel, place } from './cpu-layout';
import { runLoad, type TransferJob } from './load-job';
import { median, pairedRuns } from './paired-runs';
import { countersOf } from './proc-stat';
import { sampleRss } from './rss-sampler';
import { atLeast, atMost, emulatorCpuShare, type Figure } from './scenario';
import type { Stack } from './stack';

const mib = 1024 * 1024;
type Side = 'straight' | 'bff';
type Transfer = Awaited<ReturnType<typeof runLoad<'transfer'>>>;

export interface TransferComparison {
  scenario: string;
  stack: Stack;
  jobs: Record<Side, TransferJob>;
  /** The file size, for the log. */
  size: number;
  /** The bytes that count as the file: uploaded for an import, downloaded for an export. */
  bytesOf(r: Transfer): number;
  /** Throws when a transfer did not do what it should (wrong status, short file). */
  check(side: Side, r: Transfer): void;
  log(line: string): void;
}

export async function compareTransfers(c: TransferComparison): Promise<Figure[]> {
  const { stack } = c;
  const figures: Figure[] = [];
  // The idle RSS is read before the warm-up, so its growth counts too.
  const rss = await sampleRss(stack.bff.pid);
  for (const side of ['straight', 'bff'] as const) c.check(side, await runLoad(c.jobs[side]));
  // Every layout's measured transfers together, for the emulator's share of the CPU.
  const all = { straight: { cpuSeconds: 0, gib: 0 }, bff: { cpuSeconds: 0, gib: 0 } };
  for (const layout of availableLayouts()) {
    const loadCpus = place(stack, layout);
    // What each side's server spent: the emulator on the straight side, the BFF through it.
    const spent = {
      straight: { cpuSeconds: 0, minorFaults: 0, gib: 0 },
      bff: { cpuSeconds: 0, minorFaults: 0, gib: 0 },
    };
    const once = (side: Side) => async () => {
      const pid = side === 'bff' ? stack.bff.pid : stack.emulator.pid;
      const before = countersOf(pid);
      const r = await runLoad(c.jobs[side], loadCpus);
      const after = countersOf(pid);
      c.check(side, r);
      spent[side].cpuSeconds += after.cpuSeconds - before.cpuSeconds;
      spent[side].minorFaults += after.minorFaults - before.minorFaults;
      spent[side].gib += c.bytesOf(r) / 2 ** 30;
      return c.bytesOf(r) / mib / r.seconds;
    };
    const pairs = await pairedRuns(5, { straight: once('straight'), bff: once('bff') });
    const speeds = (side: Side) => pairs.map((p) => p[side].toFixed(0)).join(', ');
    const perGib = (side: Side, counter: 'cpuSeconds' | 'minorFaults') => spent[side][counter] / spent[side].gib;
    c.log(
      `${layoutLabel[layout]}: ${c.size / mib} MiB, MiB/s straight ${speeds('straight')}; through the BFF ${speeds('bff')}; ` +
        `CPU s/GiB: emulator (straight) ${perGib('straight', 'cpuSeconds').toFixed(2)}, BFF ${perGib('bff', 'cpuSeconds').toFixed(2)}; ` +
        `BFF page faults/GiB ${perGib('bff', 'minorFaults').toFixed(0)}`,
    );
    for (const side of ['straight', 'bff'] as const) {
      all[side].cpuSeconds += spent[side].cpuSeconds;
      all[side].gib += spent[side].gib;
    }
    figures.push(
      atLeast(
        c.scenario,
        `throughput through the BFF / straight (${layoutLabel[layout]})`,
        median(pairs.map((p) => p.bff / p.straight)),
        '×',
        0.85,
      ),
    );
  }
  figures.push(
    emulatorCpuShare(c.scenario, 'GiB', all.straight.cpuSeconds / all.straight.gib, all.bff.cpuSeconds / all.bff.gib),
  );
  rss.stop();
  c.log(`BFF idle RSS ${(rss.idle / mib).toFixed(1)} MiB`);
  figures.push(atMost(c.scenario, 'BFF peak RSS growth', rss.peakGrowth() / mib, 'MiB', 64));
  return figures;
}
