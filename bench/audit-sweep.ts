// The audit sweep engine alone, a diagnostic beside the emulator scenario: 10 000 simulated reads
// of 20 ms (a timer, no I/O) through the real engine with 16 lanes and the default rate cap.
// Figure: resources/s against the ideal 16 / 20 ms = 800/s, so what the engine itself (pool,
// rate limiter, retry wrapper, row judging, events) loses is told apart from HTTP and emulator.
import { availableParallelism, loadavg } from 'node:os';
import type { AuditResourceRef, PermissionsRecord } from '@portico/api-types';
import { emptyPolicy } from '../apps/bff/src/features/audits/policy';
import { runSweep } from '../apps/bff/src/features/audits/sweep';
import type { SweepUpstream } from '../apps/bff/src/features/audits/sweep-options';
import { atLeast, type BenchScenario } from './support/scenario';

const name = 'audit sweep engine (10 000 simulated 20 ms reads, 16 lanes)';
const latencyMs = 20;
const concurrency = 16;
const idealPerSecond = (concurrency * 1000) / latencyMs;
const timerSample = 50;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), reject(signal.reason)), {
      once: true,
    });
  });

async function read(ref: AuditResourceRef, signal?: AbortSignal): Promise<PermissionsRecord> {
  await sleep(latencyMs, signal);
  return {
    id: ref.resource_id,
    project_id: 'p',
    workspace_id: 'w',
    resource_id: ref.resource_id,
    resource_type: ref.resource_type,
    owner: 'u',
    auth_switch_config: { use: true },
    create_date: 0,
    create_user: 'u',
    create_user_name: 'u',
    update_date: 0,
    update_user: 'u',
    update_user_name: 'u',
  };
}

export const auditSweepBenchmark: BenchScenario = {
  name,
  async run({ quick, log }) {
    const resources = quick ? 1_000 : 10_000;
    const refs: AuditResourceRef[] = Array.from({ length: resources }, (_, i) => ({
      resource_type: 'dataset',
      resource_id: `ds-${i}`,
    }));
    // Context: a 20 ms timer never fires in exactly 20 ms; this is the engine's floor here.
    const t0 = performance.now();
    for (const ref of refs.slice(0, timerSample)) await read(ref);
    const oneRead = (performance.now() - t0) / timerSample;

    const upstream: SweepUpstream = {
      async *enumerate() {
        yield* refs;
      },
      readPermissions: read,
    };
    const t1 = performance.now();
    const outcome = await runSweep(
      { upstream, limits: { concurrency } },
      { resourceTypes: ['dataset'], extraResources: [], policy: emptyPolicy, onEvent: () => {} },
    );
    const sweepMs = performance.now() - t1;
    if (outcome.done !== resources) throw new Error(`swept ${outcome.done} of ${resources}`);
    const rate = (resources * 1000) / sweepMs;
    log(
      `${resources} reads in ${(sweepMs / 1000).toFixed(2)} s = ${rate.toFixed(0)}/s; ideal ${idealPerSecond}/s; ` +
        `one ${latencyMs} ms timer takes ${oneRead.toFixed(1)} ms here (floor ${((concurrency * 1000) / oneRead).toFixed(0)}/s); ` +
        `machine load ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`,
    );
    return [atLeast(name, 'resources/s ÷ ideal 800/s (engine only)', rate / idealPerSecond, '×', 0.9)];
  },
};
