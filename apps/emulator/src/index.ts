export { createEmulatorApp, type EmulatorApp } from './app';
export { startEmulator, type RunningEmulator } from './start-emulator';
export type { EmulatorOptions } from './options';
export { demo } from './demo';
export { bffUpstreamEnv } from './bff-upstream-env';
export { freePort } from './free-port';
export type { CallerIdentity, EmulatedService, FaultConfig, ServiceContext } from './context';
export type { IamState } from './iam';
export type { InsightState } from './insight';
