import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface RequestsJob {
  kind: 'requests';
  url: string;
  headers: Record<string, string>;
  connections: number;
  durationSeconds: number;
}

/**
 * Open-loop load from the bench's own client: `rate` requests per second to each target, evenly
 * paced, the targets taking turns (request i goes to target i mod n), each over at most
 * `connections` kept-alive connections of its own. Targets loaded together see the same
 * moments of the machine, so a stall of the shared machine lands on all of them alike.
 */
export interface PacedJob {
  kind: 'paced';
  targets: { url: string; headers: Record<string, string> }[];
  rate: number;
  connections: number;
  durationSeconds: number;
}

export interface TransferJob {
  kind: 'transfer';
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  /** Sent as the body (its size as Content-Length), streamed from disk. */
  bodyFile?: string;
  body?: string;
  /** Fails when no byte moves either way this long (default 30 s; transfer-client.ts). */
  stallSeconds?: number;
  /** Fails when the transfer has not ended this long after it began (default 600 s). */
  deadlineSeconds?: number;
}

export type LoadJob = RequestsJob | PacedJob | TransferJob;

export type LoadResult =
  | {
      kind: 'requests';
      requestsPerSecond: number;
      p50Ms: number;
      p99Ms: number;
      total: number;
      failures: number;
    }
  | {
      kind: 'paced';
      /** Per target, in the job's order; latency runs from each request's due time. */
      targets: {
        p50Ms: number;
        p99Ms: number;
        total: number;
        failures: number;
        /** What the failed requests met, counted: `status 503`, `ECONNRESET`, … */
        failedWith: Record<string, number>;
      }[];
    }
  | {
      kind: 'transfer';
      status: number;
      uploadBytes: number;
      downloadBytes: number;
      seconds: number;
      answer: string;
    };

/** The CPU seconds the load process used, to tell whether the load generator kept up. */
export interface LoadCost {
  loadCpuSeconds: number;
}

const benchDir = fileURLToPath(new URL('../', import.meta.url));
const script = fileURLToPath(new URL('./load.ts', import.meta.url));

/**
 * Runs `job` in a separate Node process (`load.ts`) and resolves with what it measured; with
 * `cpus` (a `taskset -c` list, see cpu-layout.ts) that process runs only there.
 */
export function runLoad<K extends LoadJob['kind']>(
  job: LoadJob & { kind: K },
  cpus?: string,
): Promise<Extract<LoadResult, { kind: K }> & LoadCost> {
  return new Promise((resolve, reject) => {
    const node = [process.execPath, '--import', 'tsx', script, JSON.stringify(job)];
    const [command, ...args] = cpus ? ['taskset', '-c', cpus, ...node] : node;
    const child = spawn(command!, args, {
      cwd: benchDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line) return reject(new Error(`load process exited with ${code}:\n${err}`));
      resolve(JSON.parse(line) as Extract<LoadResult, { kind: K }> & LoadCost);
    });
  });
}
