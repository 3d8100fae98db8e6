import type { FaultConfig } from './context';

export interface EmulatorOptions {
  /** 0 = ephemeral (default 0 for startEmulator, 9090 in server.ts). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** State file folder; undefined = in-memory only. */
  dataDir?: string;
  /** Default 24 h. */
  tokenTtlMs?: number;
  /** Default 3000. */
  assetJobDurationMs?: number;
  /** Default 300. */
  seedResources?: number;
  /** PRNG seed, default 1. */
  seed?: number;
  faults?: Partial<FaultConfig>;
}

export const defaultOptions = {
  host: '127.0.0.1',
  tokenTtlMs: 24 * 60 * 60 * 1000,
  assetJobDurationMs: 3000,
  seedResources: 300,
  seed: 1,
} as const;
