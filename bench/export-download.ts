// Export download: a resource package the emulator pads to 1 GiB (its `largeFileBytes` fault),
// read through the BFF and straight from the emulator in the same run. Figures: throughput
// through the BFF as a share of the straight one (median of alternating pairs), and the BFF
// process's peak RSS growth over its idle baseline.
import { demo } from '../apps/emulator/src/demo';
import { runLoad, type TransferJob } from './support/load-job';
import { median, pairedRuns } from './support/paired-runs';
import { cpuSecondsOf, sampleRss } from './support/rss-sampler';
import { atLeast, atMost, type BenchScenario } from './support/scenario';
import { startStack, type Stack } from './support/stack';

const mib = 1024 * 1024;
const name = 'export download through the BFF vs straight';

async function dashboardId(stack: Stack): Promise<string> {
  const res = await fetch(`${stack.bff.url}/api/insight/resources?type=dashboard&limit=1`, {
    headers: stack.bffHeaders,
  });
  const body = (await res.json()) as { items: { id: string }[] };
  if (!body.items[0]) throw new Error(`no dashboard to export: ${res.status}`);
  return body.items[0].id;
}

export const exportDownload: BenchScenario = {
  name,
  async run({ quick, log }) {
    const size = quick ? 100 * mib : 1024 * mib;
    const stack = await startStack({ emulatorEnv: { LARGE_FILE_BYTES: String(size) } });
    try {
      const body = JSON.stringify({
        name: 'bench',
        resources: [{ resource_type: 'dashboard', resource_id: await dashboardId(stack) }],
      });
      const jobs: Record<'straight' | 'bff', TransferJob> = {
        straight: {
          kind: 'transfer',
          method: 'POST',
          url: `${stack.emulator.url}/v1/${demo.projectId}/resource-package/export`,
          headers: {
            'x-auth-token': stack.token,
            'x-workspace-id': demo.insightWorkspaceId,
            'content-type': 'application/json',
          },
          body,
        },
        bff: {
          kind: 'transfer',
          method: 'POST',
          url: `${stack.bff.url}/api/insight/resource-packages/export`,
          headers: { ...stack.bffHeaders, 'content-type': 'application/json' },
          body,
        },
      };
      // CPU seconds per GiB each server spent, to tell which process sets the pace.
      const cpu = { bff: 0, emulator: 0, gib: { straight: 0, bff: 0 } };
      const once = (side: 'straight' | 'bff') => async () => {
        const before = {
          bff: cpuSecondsOf(stack.bff.pid),
          emulator: cpuSecondsOf(stack.emulator.pid),
        };
        const r = await runLoad(jobs[side]);
        if (side === 'bff') cpu.bff += cpuSecondsOf(stack.bff.pid) - before.bff;
        else cpu.emulator += cpuSecondsOf(stack.emulator.pid) - before.emulator;
        cpu.gib[side] += r.downloadBytes / 2 ** 30;
        if (r.status !== 200 || r.downloadBytes < size)
          throw new Error(`${side} export: ${r.status}, ${r.downloadBytes} bytes: ${r.answer}`);
        return r.downloadBytes / mib / r.seconds;
      };
      const rss = await sampleRss(stack.bff.pid);
      const pairs = await pairedRuns(3, { straight: once('straight'), bff: once('bff') });
      rss.stop();
      log(
        `${size / mib} MiB, MiB/s straight ${pairs.map((p) => p.straight.toFixed(0)).join(', ')}; through the BFF ${pairs.map((p) => p.bff.toFixed(0)).join(', ')}`,
      );
      log(
        `CPU s/GiB: emulator (straight) ${(cpu.emulator / cpu.gib.straight).toFixed(2)}, BFF ${(cpu.bff / cpu.gib.bff).toFixed(2)}; ` +
          `BFF idle RSS ${(rss.idle / mib).toFixed(1)} MiB`,
      );
      return [
        atLeast(
          name,
          'throughput through the BFF / straight',
          median(pairs.map((p) => p.bff / p.straight)),
          '×',
          0.85,
        ),
        atMost(name, 'BFF peak RSS growth', rss.peakGrowth() / mib, 'MiB', 64),
      ];
    } finally {
      await stack.close();
    }
  },
};
