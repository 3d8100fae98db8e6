// The audit sweep through the real stack: the emulator in a process of its own (about 10 000
// listable resources, 20 ms injected latency on every call) and, in this process, the BFF's own
// Insight client and sweep engine with 16 lanes and the default rate cap. Figure: resources read
// per second against the ideal of 16 lanes / 20 ms = 800/s.
//
// What counts: a resource is one permissions read, i.e. one row of the audit. The list pages the
// sweep fetches first are upstream requests too, but are not counted as resources, while the
// time they take is in the wall time: the figure is what a user waiting for an audit sees.
import { availableParallelism, loadavg } from 'node:os';
import { listableResourceTypes } from '@portico/api-types';
import { emulatorUpstream } from '../apps/bff/src/embedded-emulator';
import { insightSweepUpstream } from '../apps/bff/src/features/audits/insight-sweep-upstream';
import { emptyPolicy } from '../apps/bff/src/features/audits/policy';
import { runSweep } from '../apps/bff/src/features/audits/sweep';
import { defaultSweepRatePerSecond } from '../apps/bff/src/features/audits/sweep-options';
import { emulatorToken } from '../apps/bff/src/testing/emulator-token';
import { createInsightClient, type InsightClient } from '../apps/bff/src/upstream/insight-client';
import { demo } from '../apps/emulator/src/index';
import { startEmulatorProcess } from './support/emulator-process';
import { atLeast, type BenchScenario } from './support/scenario';

const name = 'audit sweep through the emulator (10 000 resources, 20 ms latency, 16 lanes)';
const latencyMs = 20;
const concurrency = 16;
const idealPerSecond = (concurrency * 1000) / latencyMs;
/** The emulator's seed makes about 88 % of its resources listable (the rest have no list API). */
const listableShare = 0.877;
const baselineSample = 50;

const perSecond = (n: number, ms: number) => (n * 1000) / ms;

export const auditSweepEmulatorBenchmark: BenchScenario = {
  name,
  async run({ quick, log }) {
    const resources = quick ? 1_000 : 10_000;
    const emu = await startEmulatorProcess({ seedResources: Math.ceil(resources / listableShare) });
    try {
      const token = await emulatorToken(emu.url);
      await emu.setFaults({ latencyMs });
      const client = createInsightClient(emulatorUpstream(emu.url, 30_000));
      let listPages = 0;
      const counted: Pick<InsightClient, 'listResources' | 'readPermissions'> = {
        listResources: (...args) => (listPages++, client.listResources(...args)),
        readPermissions: client.readPermissions,
      };
      const upstream = insightSweepUpstream({
        client: counted,
        session: { token },
        workspaceId: demo.insightWorkspaceId,
        knownIds: async () => [],
      });

      // Context, not a figure: what one read costs alone (20 ms + HTTP + both sides' work).
      const sample = [];
      const never = new AbortController().signal;
      for await (const ref of upstream.enumerate('dataset', (request) => request(never))) {
        sample.push(ref);
        if (sample.length === baselineSample) break;
      }
      const t0 = performance.now();
      for (const ref of sample) await upstream.readPermissions(ref, never);
      const oneRead = (performance.now() - t0) / sample.length;
      listPages = 0;

      const emuCpu0 = await emu.cpuMs();
      const cpu0 = process.cpuUsage();
      const t1 = performance.now();
      let listedAt = t1;
      const outcome = await runSweep(
        { upstream, limits: { concurrency } },
        {
          resourceTypes: [...listableResourceTypes],
          extraResources: [],
          policy: emptyPolicy,
          onEvent: (e) => {
            if (e.type === 'started') listedAt = performance.now();
          },
        },
      );
      const sweepMs = performance.now() - t1;
      const cpu = process.cpuUsage(cpu0);
      const emuCpuMs = (await emu.cpuMs()) - emuCpu0;
      if (outcome.failed > 0 || outcome.done !== outcome.total) {
        throw new Error(`swept ${outcome.done} of ${outcome.total}, ${outcome.failed} failed`);
      }

      const rate = perSecond(outcome.done, sweepMs);
      const listMs = listedAt - t1;
      log(
        `${outcome.done} resources read (one permissions GET each) + ${listPages} list pages in ` +
          `${(sweepMs / 1000).toFixed(2)} s = ${rate.toFixed(0)} resources/s; ideal ${concurrency} lanes / ` +
          `${latencyMs} ms = ${idealPerSecond}/s; list pages are requests, not resources, their time counted`,
      );
      log(
        `listing ${listMs.toFixed(0)} ms, then reads at ${perSecond(outcome.done, sweepMs - listMs).toFixed(0)}/s; ` +
          `one read alone ${oneRead.toFixed(1)} ms (so ${concurrency} lanes could do at most ` +
          `${perSecond(concurrency, oneRead).toFixed(0)}/s here); rate cap ${defaultSweepRatePerSecond}/s, ` +
          `above ${idealPerSecond}/s so it does not bind`,
      );
      log(
        `CPU during the sweep: sweep process ${(((cpu.user + cpu.system) / 1000 / sweepMs) * 100).toFixed(0)} %, ` +
          `emulator process ${((emuCpuMs / sweepMs) * 100).toFixed(0)} % of one core; machine load ` +
          `${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores (other work slows both processes)`,
      );
      return [atLeast(name, 'resources/s ÷ ideal 800/s', rate / idealPerSecond, '×', 0.8)];
    } finally {
      await emu.close();
    }
  },
};
