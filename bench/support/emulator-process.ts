// The emulator in a process of its own (tsx, IPC), so its request handling does not share the
// event loop, nor the CPU time, of the code a benchmark measures.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EmulatorOptions, FaultConfig } from '../../apps/emulator/src/index';

export interface EmulatorProcess {
  url: string;
  pid: number;
  setFaults(faults: Partial<FaultConfig>): Promise<void>;
  /** The child's CPU time (user + system) since it started listening, in ms. */
  cpuMs(): Promise<number>;
  close(): Promise<void>;
}

type ChildMessage = { type: 'ready'; url: string } | { type: 'cpu'; ms: number };

function nextMessage<T extends ChildMessage['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<ChildMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: ChildMessage) => {
      if (m.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m as Extract<ChildMessage, { type: T }>);
    };
    const onExit = (code: number | null) => {
      child.off('message', onMessage);
      reject(new Error(`the emulator process exited (${code}) before answering "${type}"`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** `nodeArgs` go to the child's `node`, e.g. `['--cpu-prof']` to profile the emulator alone. */
export async function startEmulatorProcess(
  options: EmulatorOptions = {},
  nodeArgs: string[] = [],
): Promise<EmulatorProcess> {
  const child = fork(fileURLToPath(new URL('./emulator-child.ts', import.meta.url)), [JSON.stringify(options)], {
    execArgv: [...nodeArgs, '--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { url } = await nextMessage(child, 'ready');
  return {
    url,
    pid: child.pid!,
    async setFaults(faults) {
      const res = await fetch(`${url}/__emulator/faults`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(faults),
      });
      if (res.status !== 200) throw new Error(`setting the emulator's faults failed: ${res.status}`);
      await res.arrayBuffer();
    },
    async cpuMs() {
      const answer = nextMessage(child, 'cpu');
      child.send({ type: 'cpu' });
      return (await answer).ms;
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.send({ type: 'close' });
      await exited;
      clearTimeout(timer);
    },
  };
}
