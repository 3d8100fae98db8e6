import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createExpressServer } from '@portico/express-server';
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
    // Requests born with Express's prototypes (see createExpressServer): the straight baseline of
    // `pnpm bench` should not pay for Express re-parenting each request either.
    const s = createExpressServer(app);
    s.once('error', reject);
    s.listen(options.port ?? 0, host, () => resolve(s));
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
