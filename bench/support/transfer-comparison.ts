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
import { cpuSecondsOf, minorFaultsOf } from './proc-stat';
import { sampleRss } from './rss-sampler';
import { atLeast, atMost, type Figure } from './scenario';
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
  for (const layout of availableLayouts()) {
    const loadCpus = place(stack, layout);
    const cpu = { bff: 0, bffFaults: 0, emulator: 0, gib: { straight: 0, bff: 0 } };
    const once = (side: Side) => async () => {
      const before = {
        bff: cpuSecondsOf(stack.bff.pid),
        bffFaults: minorFaultsOf(stack.bff.pid),
        emulator: cpuSecondsOf(stack.emulator.pid),
      };
      const r = await runLoad(c.jobs[side], loadCpus);
      if (side === 'bff') {
        cpu.bff += cpuSecondsOf(stack.bff.pid) - before.bff;
        cpu.bffFaults += minorFaultsOf(stack.bff.pid) - before.bffFaults;
      } else cpu.emulator += cpuSecondsOf(stack.emulator.pid) - before.emulator;
      c.check(side, r);
      cpu.gib[side] += c.bytesOf(r) / 2 ** 30;
      return c.bytesOf(r) / mib / r.seconds;
    };
    const pairs = await pairedRuns(5, { straight: once('straight'), bff: once('bff') });
    const speeds = (side: Side) => pairs.map((p) => p[side].toFixed(0)).join(', ');
    c.log(
      `${layoutLabel[layout]}: ${c.size / mib} MiB, MiB/s straight ${speeds('straight')}; through the BFF ${speeds('bff')}; ` +
        `CPU s/GiB: emulator (straight) ${(cpu.emulator / cpu.gib.straight).toFixed(2)}, BFF ${(cpu.bff / cpu.gib.bff).toFixed(2)}; BFF page faults/GiB ${(cpu.bffFaults / cpu.gib.bff).toFixed(0)}`,
    );
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
  rss.stop();
  c.log(`BFF idle RSS ${(rss.idle / mib).toFixed(1)} MiB`);
  figures.push(atMost(c.scenario, 'BFF peak RSS growth', rss.peakGrowth() / mib, 'MiB', 64));
  return figures;
}
