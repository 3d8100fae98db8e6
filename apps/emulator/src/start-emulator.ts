import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmulatorApp } from './app';
import type { FaultConfig } from './context';
import { defaultOptions, type EmulatorOptions } from './options';

export interface RunningEmulator {
  url: string;
  port: number;
  setFaults(f: Partial<FaultConfig>): void;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const { app, flush, setFaults } = createEmulatorApp(options);
  const host = options.host ?? defaultOptions.host;
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port ?? 0, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    setFaults,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await flush();
    },
  };
}
