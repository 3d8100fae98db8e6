import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startUpCollectedMessage } from '../../apps/bff/src/start-up-collected';
import { bffUpstreamEnv } from '../../apps/emulator/src/bff-upstream-env';
import { demo } from '../../apps/emulator/src/demo';
import { startCommandOf } from '../../apps/emulator/src/start-command';
import { buildServers } from './build-servers';
import { freePort, startServerProcess, waitForLogLine, type ServerProcess } from './child-process';

export interface Stack {
  emulator: ServerProcess;
  bff: ServerProcess;
  /** Cookie and CSRF headers of a demo operator signed in through the BFF. */
  bffHeaders: Record<string, string>;
  /** The IAM token of the same user, for requests straight to the emulator. */
  token: string;
  /** With `inspect`: the BFF's inspector port on loopback (see support/inspector.ts). */
  bffInspectPort?: number;
  /** Where the processes' logs are (removed by `close`). */
  dir: string;
  close(): Promise<void>;
}

/**
 * The emulator and the BFF as two child processes on free loopback ports, built from the
 * current sources, the BFF configured with the emulator as its upstream (as a real deployment
 * would be, not the embedded one) and its embedded database, logging every request as in
 * production.
 */
/**
 * For finding a cause: `BENCH_CPU_PROF=<dir>` profiles both servers (`--cpu-prof`), each into
 * `<dir>/<server>`; `BENCH_NODE_ARGS="--trace-gc …"` passes options to both,
 * `BENCH_BFF_NODE_ARGS` to the BFF alone, `BENCH_EMULATOR_NODE_ARGS` to the emulator alone; what
 * such options print goes to the servers' logs, which `BENCH_KEEP_DIR=1` keeps.
 */
const profileArgs = (server: string): string[] => {
  const dir = process.env.BENCH_CPU_PROF;
  const extra = [
    process.env.BENCH_NODE_ARGS,
    server === 'bff' ? process.env.BENCH_BFF_NODE_ARGS : process.env.BENCH_EMULATOR_NODE_ARGS,
  ].flatMap((a) => a?.split(' ').filter(Boolean) ?? []);
  return [...extra, ...(dir ? ['--cpu-prof', '--cpu-prof-dir', join(dir, server)] : [])];
};

/** The Node options `apps/<app>`'s `start` script runs its server with, as production starts it. */
export const startOptionsOf = (app: 'emulator' | 'bff'): string[] =>
  startCommandOf(fileURLToPath(new URL(`../../apps/${app}`, import.meta.url))).options;

export async function startStack(
  options: {
    emulatorEnv?: Record<string, string>;
    bffEnv?: Record<string, string>;
    /** Open the BFF's inspector on a loopback port, for `collectGarbage`. */
    inspect?: boolean;
  } = {},
): Promise<Stack> {
  const scripts = buildServers();
  const dir = mkdtempSync(join(tmpdir(), 'portico-bench-'));
  const started: ServerProcess[] = [];
  try {
    const emulator = await startServerProcess({
      name: 'emulator',
      script: scripts.emulator,
      port: await freePort(),
      env: { DATA_DIR: join(dir, 'emulator'), ...options.emulatorEnv },
      readyPath: '/__emulator/health',
      logFile: join(dir, 'emulator.log'),
      nodeArgs: [...startOptionsOf('emulator'), ...profileArgs('emulator')],
    });
    started.push(emulator);
    const bffInspectPort = options.inspect ? await freePort() : undefined;
    const bffLog = join(dir, 'bff.log');
    const bffStartOptions = startOptionsOf('bff');
    const bff = await startServerProcess({
      name: 'BFF',
      script: scripts.bff,
      port: await freePort(),
      env: {
        DATA_DIR: join(dir, 'bff'),
        WEB_DIST_DIR: join(dir, 'no-web'),
        ...bffUpstreamEnv(emulator.url),
        ...options.bffEnv,
      },
      readyPath: '/api/session',
      logFile: bffLog,
      nodeArgs: [
        // As production starts it (its heap option: docs/decisions/0013).
        ...bffStartOptions,
        ...profileArgs('bff'),
        ...(bffInspectPort ? [`--inspect=127.0.0.1:${bffInspectPort}`] : []),
      ],
    });
    started.push(bff);
    // Started as production is, the BFF collects its start-up garbage a few seconds after it
    // listens (server.ts): the memory figures' idle RSS is read after that, not before.
    if (bffStartOptions.includes('--expose-gc')) await waitForLogLine(bffLog, startUpCollectedMessage, 30_000);
    const bffHeaders = await signInThroughBff(bff.url);
    const token = await iamToken(emulator.url);
    return {
      emulator,
      bff,
      bffHeaders,
      token,
      ...(bffInspectPort ? { bffInspectPort } : {}),
      dir,
      async close() {
        await Promise.all(started.map((p) => p.stop()));
        if (process.env.BENCH_KEEP_DIR)
          console.log(`  (BENCH_KEEP_DIR: the servers' logs and data are kept in ${dir})`);
        else rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await Promise.all(started.map((p) => p.stop()));
    throw e;
  }
}

const operator = demo.users.operator;

/** Signs the demo operator in through the BFF at `url`: its cookie and CSRF headers. */
export async function signInThroughBff(url: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      domain: demo.domainName,
      username: operator.name,
      password: operator.password,
    }),
  });
  if (res.status !== 201) throw new Error(`sign-in through the BFF failed: ${res.status} ${await res.text()}`);
  const { csrf_token: csrf } = (await res.json()) as { csrf_token: string };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { cookie, 'x-csrf-token': csrf };
}

async function iamToken(url: string): Promise<string> {
  const res = await fetch(`${url}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: {
            user: {
              name: operator.name,
              password: operator.password,
              domain: { name: demo.domainName },
            },
          },
        },
        scope: { project: { id: demo.projectId } },
      },
    }),
  });
  const token = res.headers.get('x-subject-token');
  await res.arrayBuffer();
  if (!token) throw new Error(`IAM sign-in at the emulator failed: ${res.status}`);
  return token;
}
