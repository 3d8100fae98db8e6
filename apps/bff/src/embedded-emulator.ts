import { join } from 'node:path';
import { demo, startEmulator } from '@portico/emulator';
import type { UpstreamConfig } from './config/upstream-config';

export interface EmbeddedUpstream {
  upstream: UpstreamConfig;
  close(): Promise<void>;
}

/** Upstream configuration pointing every service at an emulator at `url`, with its demo ids. */
export function emulatorUpstream(url: string, timeoutMs: number): UpstreamConfig {
  return {
    iam: url,
    insight: url,
    secmaster: url,
    roma: url,
    projectId: demo.projectId,
    insightInstanceId: demo.insightInstanceId,
    insightWorkspaceId: demo.insightWorkspaceId,
    secmasterWorkspaceId: demo.secmasterWorkspaceId,
    romaInstanceId: demo.romaInstanceId,
    timeoutMs,
  };
}

/** Starts the emulator in-process on an ephemeral port (state under `dataDir/emulator`). */
export async function startEmbeddedEmulator(dataDir: string, timeoutMs: number): Promise<EmbeddedUpstream> {
  const emu = await startEmulator({ port: 0, host: '127.0.0.1', dataDir: join(dataDir, 'emulator') });
  return { upstream: emulatorUpstream(emu.url, timeoutMs), close: () => emu.close() };
}
