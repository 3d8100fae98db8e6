/**
 * What every emulated service gets from the emulator core. The core (app.ts) owns the HTTP
 * server, the API-gateway token check, fault injection and persistence; each service folder
 * (iam/, insight/, secmaster/, roma/) owns its routes and its slice of the state.
 */
import type { Router } from 'express';
import type { RandomSource } from './common/random';

export interface FaultConfig {
  /** Added to every service answer (not to the emulator's own control routes), in ms. */
  latencyMs: number;
  /** Share (0..1) of service requests answered with 500/503 instead. */
  errorRate: number;
  /** Share (0..1) of service requests answered with 429 instead. */
  throttleRate: number;
  /** When set, file streams (exports, archive downloads) are cut after this many bytes. */
  cutStreamAfterBytes: number | null;
  /**
   * When set, file exports (resource packages, workflow exports, asset archives) are padded to
   * about this many bytes, generated while they stream (for benchmarks of large files).
   */
  largeFileBytes: number | null;
  /**
   * When set, a service request's body is cut after this many bytes: the socket is destroyed
   * while the upload still arrives (an import dropped mid-way by a gateway).
   */
  cutUploadAfterBytes: number | null;
  /** Share (0..1) of service requests whose connection is reset (TCP RST) before any answer. */
  resetRate: number;
}

export interface EmulatorConfig {
  /** Folder for the state file; undefined keeps state in memory only (tests). */
  dataDir: string | undefined;
  /** IAM token lifetime in ms (24 h by default; short in tests). */
  tokenTtlMs: number;
  /** How long a ROMA asset job stays RUNNING, in ms. */
  assetJobDurationMs: number;
  /** How many DataArts Insight resources the seed generator makes. */
  seedResources: number;
}

/** The caller as the API gateway established it from `X-Auth-Token`. */
export interface CallerIdentity {
  userId: string;
  userName: string;
  domainId: string;
  domainName: string;
  projectId: string;
}

export interface ServiceContext {
  readonly config: EmulatorConfig;
  now(): number;
  /** 32 lowercase hex characters, as the provider's ids look. */
  newId(): string;
  /** A UUID, as DataArts Insight's ids look. */
  newUuid(): string;
  random: RandomSource;
  /** Call after mutating state: the core persists it (debounced, atomic). */
  markDirty(): void;
  faults(): FaultConfig;
}

export interface SeedOptions {
  /** DataArts Insight resources to create in the default workspace. */
  resources: number;
  /** Seed of the pseudo-random generator: same seed, same data. */
  seed: number;
}

/**
 * One emulated service. Its state must be plain JSON (the core persists it as such); a
 * service that needs indexes builds them from the state in `routes` and keeps them current.
 */
export interface EmulatedService<S> {
  readonly name: 'iam' | 'insight' | 'secmaster' | 'roma';
  /** The state of a new data folder. */
  seed(ctx: ServiceContext, options: SeedOptions): S;
  /** Checks persisted JSON and returns it as state (throws on a state it cannot read). */
  load(json: unknown): S;
  /** Routes. The core mounts them behind the API-gateway token check; `caller(res)` reads it. */
  routes(ctx: ServiceContext, state: S): Router;
}
