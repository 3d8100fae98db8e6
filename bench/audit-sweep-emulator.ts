// The audit sweep through the real stack: the emulator (10 000 seeded resources, 20 ms injected
// latency on every call) and the BFF's own Insight client and sweep engine with its default
// limits. The baseline, measured in the same run, reads a sample one at a time through the same
// client and scales it to the whole workspace (sequentially, 10 000 reads take minutes).
import { listableResourceTypes, type ResourceType } from '@portico/api-types';
import { defaultSweepConcurrency, defaultSweepRatePerSecond } from '../apps/bff/src/features/audits/sweep-options';
import { emulatorUpstream } from '../apps/bff/src/embedded-emulator';
import { insightSweepUpstream } from '../apps/bff/src/features/audits/insight-sweep-upstream';
import { emptyPolicy } from '../apps/bff/src/features/audits/policy';
import { runSweep } from '../apps/bff/src/features/audits/sweep';
import { emulatorToken } from '../apps/bff/src/testing/emulator-token';
import { createInsightClient } from '../apps/bff/src/upstream/insight-client';
import { demo, startEmulator } from '../apps/emulator/src/index';

const seeded = 10_000;
const latencyMs = 20;
const baselineSample = 100;

export async function auditSweepEmulatorBenchmark(): Promise<string> {
  const emu = await startEmulator({ seedResources: seeded });
  try {
    const token = await emulatorToken(emu.url);
    emu.setFaults({ latencyMs });
    const client = createInsightClient(emulatorUpstream(emu.url, 30_000));
    const upstream = insightSweepUpstream({
      client,
      session: { token },
      workspaceId: demo.insightWorkspaceId,
      knownIds: async (type: ResourceType) => {
        const id = (demo.insightUnlistedResources as Record<string, string | undefined>)[type];
        return id ? [id] : [];
      },
    });

    const sample = [];
    const never = new AbortController().signal;
    for await (const ref of upstream.enumerate('dataset', (request) => request(never))) {
      sample.push(ref);
      if (sample.length === baselineSample) break;
    }
    const t0 = performance.now();
    for (const ref of sample) await upstream.readPermissions(ref, never);
    const perRead = (performance.now() - t0) / sample.length;

    const t1 = performance.now();
    const outcome = await runSweep(
      { upstream },
      { resourceTypes: [...listableResourceTypes], extraResources: [], policy: emptyPolicy, onEvent: () => {} },
    );
    const sweepMs = performance.now() - t1;
    if (outcome.failed > 0 || outcome.done !== outcome.total) {
      throw new Error(`swept ${outcome.done} of ${outcome.total}, ${outcome.failed} failed`);
    }
    const sequentialMs = perRead * outcome.total;
    const verdict = sweepMs < 30_000 ? 'well under a minute' : sweepMs < 60_000 ? 'under a minute' : 'OVER a minute';
    return (
      `${outcome.total} resources (${defaultSweepConcurrency} lanes, ${defaultSweepRatePerSecond}/s cap) in ` +
      `${(sweepMs / 1000).toFixed(1)} s, ${verdict}; sequential baseline ${(perRead).toFixed(1)} ms/read × ` +
      `${outcome.total} = ${(sequentialMs / 1000).toFixed(0)} s; speed-up ×${(sequentialMs / sweepMs).toFixed(1)}`
    );
  } finally {
    await emu.close();
  }
}
