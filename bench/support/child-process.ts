import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
export { freePort } from '../../apps/emulator/src/free-port';

export interface ServerProcess {
  pid: number;
  url: string;
  stop(): Promise<void>;
}

/** The last lines of a server's log, for an error that says why it did not start. */
function lastLines(logFile: string): string {
  return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-20).join('\n');
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
  /** A command that runs Node under it, e.g. `['valgrind', '--tool=callgrind']`; its pid is the server's. */
  runUnder?: string[];
  /** How long it may take to answer `readyPath` (default 60 s). */
  readyWithinMs?: number;
}): Promise<ServerProcess> {
  const log = openSync(options.logFile, 'a');
  const [command, ...args] = [
    ...(options.runUnder ?? []),
    process.execPath,
    '--enable-source-maps',
    ...(options.nodeArgs ?? []),
    options.script,
  ];
  const child: ChildProcess = spawn(command!, args, {
    env: { ...process.env, ...options.env, PORT: String(options.port), HOST: '127.0.0.1' },
    stdio: ['ignore', log, log],
  });
  // The child holds its own copy of the descriptor.
  closeSync(log);
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.readyWithinMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `${options.name} exited with ${child.exitCode ?? child.signalCode}; ${options.logFile} ends:\n${lastLines(options.logFile)}`,
      );
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
        `${options.name} did not become ready at ${url}${options.readyPath}; ${options.logFile} ends:\n${lastLines(options.logFile)}`,
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

/** Waits until `logFile` holds a line containing `text` (a server's own log, as started above). */
export async function waitForLogLine(logFile: string, text: string, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!readFileSync(logFile, 'utf8').includes(text)) {
    if (Date.now() > deadline)
      throw new Error(`no line with "${text}" within ${withinMs} ms; ${logFile} ends:\n${lastLines(logFile)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
