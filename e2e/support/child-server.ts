import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startCommandOf } from '@portico/emulator';

export interface ChildServer {
  name: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts a built server as its package's `start` script runs it (`node [options] dist/server.js`,
 * see the emulator's start-command.ts) and waits until `readyUrl` answers `readyStatus`.
 */
export async function startChildServer(options: {
  name: string;
  /** The server's package folder (`apps/bff`): its `start` script says what to run. */
  packageDir: string;
  env: Record<string, string>;
  readyUrl: string;
  readyStatus: number;
  timeoutMs?: number;
}): Promise<ChildServer> {
  const start = startCommandOf(options.packageDir);
  if (!existsSync(start.script)) {
    throw new Error(`${options.name}: ${start.script} is missing; run \`pnpm build\` first`);
  }
  const child = spawn(process.execPath, ['--enable-source-maps', ...start.options, start.script], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`${options.name} exited with ${child.exitCode}:\n${output}`);
    }
    try {
      const res = await fetch(options.readyUrl);
      if (res.status === options.readyStatus) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.name} did not become ready at ${options.readyUrl}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    name: options.name,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
