import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
export { freePort } from '../../apps/emulator/src/free-port';


export interface ServerProcess {
  pid: number;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts `node <script>` with `env`, its output written straight to `logFile`, and waits until
 * `readyPath` answers with any status below 500. The file is the child's own stdout and stderr:
 * piped through this process, every log line cost a read here and a write to the file, and a pipe
 * this process was slow to drain stalled a server that logs every request.
 */
export async function startServerProcess(options: {
  name: string;
  script: string;
  port: number;
  env: Record<string, string>;
  readyPath: string;
  logFile: string;
  /** Extra Node options, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
}): Promise<ServerProcess> {
  const log = openSync(options.logFile, 'a');
  const child: ChildProcess = spawn(
    process.execPath,
    ['--enable-source-maps', ...(options.nodeArgs ?? []), options.script],
    {
      env: { ...process.env, ...options.env, PORT: String(options.port), HOST: '127.0.0.1' },
      stdio: ['ignore', log, log],
    },
  );
  // The child holds its own copy of the descriptor.
  closeSync(log);
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${options.name} exited with ${child.exitCode}; see ${options.logFile}`);
    try {
      const res = await fetch(url + options.readyPath);
      await res.arrayBuffer();
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `${options.name} did not become ready at ${url}${options.readyPath}; see ${options.logFile}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    pid: child.pid!,
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
