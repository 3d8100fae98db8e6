// The load generator, run as its own process (`load-job.ts` starts it) so its CPU is not the
// measured server's nor the runner's: one job as JSON in argv[2], one JSON line of result out.
import autocannon from 'autocannon';
import type { LoadJob, LoadResult, PacedJob } from './load-job';
import { PacedPool } from './paced-client';
import { transfer } from './transfer-client';

function requests(job: Extract<LoadJob, { kind: 'requests' }>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: job.url,
        headers: job.headers,
        connections: job.connections,
        duration: job.durationSeconds,
      },
      (err, r) => {
        if (err) return reject(err);
        resolve({
          kind: 'requests',
          requestsPerSecond: r.requests.total / r.duration,
          p50Ms: r.latency.p50,
          p99Ms: r.latency.p99,
          total: r.requests.total,
          failures: r.errors + r.timeouts + r.non2xx,
        });
      },
    );
  });
}

/**
 * The `paced` job: request i is due at start + i / (rate × targets), evenly spaced, and goes to
 * target i mod n (autocannon's own rate limit sends each second's budget at once, so its
 * latencies measure its bursts). A request's latency runs from when it was due, so a request that
 * had to wait for a free connection counts its wait (no coordinated omission). Sent by the lean
 * client of paced-client.ts, which costs the load process a fraction of what `http.get` did.
 */
function paced(job: PacedJob): Promise<LoadResult> {
  const sides = job.targets.map((t) => ({
    pool: new PacedPool(t, job.connections),
    latencies: [] as number[],
    failures: 0,
    failedWith: {} as Record<string, number>,
  }));
  const interval = 1000 / (job.rate * sides.length);
  const total = Math.max(sides.length, Math.floor(job.rate * job.durationSeconds) * sides.length);
  let sent = 0;
  let settled = 0;
  const start = performance.now();
  return new Promise((resolve) => {
    /** `failure`: what the request met, when it did not get a 200. */
    const settle = (side: (typeof sides)[number], due: number, failure?: string) => {
      side.latencies.push(performance.now() - due);
      if (failure !== undefined) {
        side.failures++;
        side.failedWith[failure] = (side.failedWith[failure] ?? 0) + 1;
      }
      if (++settled < total) return;
      resolve({
        kind: 'paced',
        targets: sides.map((s) => {
          s.pool.close();
          const sorted = s.latencies.sort((a, b) => a - b);
          const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
          return {
            p50Ms: at(0.5),
            p99Ms: at(0.99),
            total: sorted.length,
            failures: s.failures,
            failedWith: s.failedWith,
          };
        }),
      });
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) {
        const due = start + sent * interval;
        const side = sides[sent % sides.length]!;
        sent++;
        side.pool.send((failure) => settle(side, due, failure));
      }
      if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
    };
    tick();
  });
}

const job = JSON.parse(process.argv[2] ?? '') as LoadJob;
const result = await (job.kind === 'transfer' ? transfer(job) : job.kind === 'paced' ? paced(job) : requests(job));
const { user, system } = process.cpuUsage();
process.stdout.write(`${JSON.stringify({ ...result, loadCpuSeconds: (user + system) / 1e6 })}\n`);
