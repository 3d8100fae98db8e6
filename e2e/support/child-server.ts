import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface ChildServer {
  name: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a built server (`node dist/server.js`) and waits until `readyUrl` answers `readyStatus`. */
export async function startChildServer(options: {
  name: string;
  script: string;
  env: Record<string, string>;
  readyUrl: string;
  readyStatus: number;
  timeoutMs?: number;
}): Promise<ChildServer> {
  if (!existsSync(options.script)) {
    throw new Error(`${options.name}: ${options.script} is missing; run \`pnpm build\` first`);
  }
  const child = spawn(process.execPath, ['--enable-source-maps', options.script], {
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
