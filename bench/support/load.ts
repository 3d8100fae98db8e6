// The load generator, run as its own process (`run-load.ts` starts it) so its CPU is not the
// measured server's nor the runner's: one job as JSON in argv[2], one JSON line of result out.
import autocannon from 'autocannon';
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import type { LoadJob, LoadResult } from './load-job';

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

/** One request; the clock runs from sending its first byte to reading the answer's last. */
function transfer(job: Extract<LoadJob, { kind: 'transfer' }>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const uploadBytes = job.bodyFile
      ? statSync(job.bodyFile).size
      : Buffer.byteLength(job.body ?? '');
    const headers = { ...job.headers, 'content-length': String(uploadBytes) };
    const started = process.hrtime.bigint();
    let downloadBytes = 0;
    let answer = '';
    const req = http.request(job.url, { method: job.method, headers }, (res) => {
      res.on('data', (chunk: Buffer) => {
        downloadBytes += chunk.length;
        if (answer.length < 1000) answer += chunk.toString('latin1').slice(0, 1000);
      });
      res.on('error', reject);
      res.on('end', () => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        resolve({
          kind: 'transfer',
          status: res.statusCode ?? 0,
          uploadBytes,
          downloadBytes,
          seconds,
          answer: answer.slice(0, 300),
        });
      });
    });
    req.on('error', reject);
    if (job.bodyFile) createReadStream(job.bodyFile, { highWaterMark: 256 * 1024 }).pipe(req);
    else req.end(job.body ?? '');
  });
}

const job = JSON.parse(process.argv[2] ?? '') as LoadJob;
const result = await (job.kind === 'requests' ? requests(job) : transfer(job));
process.stdout.write(`${JSON.stringify(result)}\n`);
