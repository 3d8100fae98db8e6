import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bffUpstreamEnv, freePort } from '@portico/emulator';
import { startChildServer } from './child-server';

const repo = resolve(import.meta.dirname, '../..');

/**
 * An emulator and a BFF of the test's own (not the shared global stack), so that the test can
 * read every token the emulator's IAM issued (its state file) and every line the BFF logged.
 */
export interface PrivateStack {
  baseUrl: string;
  emulatorUrl: string;
  /** Everything the BFF wrote to stdout and stderr since it became ready. */
  bffOutput(): string;
  /** Every IAM token the emulator has issued (read from its persisted state). */
  issuedTokens(): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startPrivateStack(): Promise<PrivateStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-e2e-private-'));
  const emulatorDir = join(dataDir, 'emulator');
  const emulatorUrl = `http://127.0.0.1:${await freePort()}`;
  const emulator = await startChildServer({
    name: 'private emulator',
    packageDir: join(repo, 'apps/emulator'),
    env: { PORT: new URL(emulatorUrl).port, HOST: '127.0.0.1', DATA_DIR: emulatorDir, ASSET_JOB_DURATION_MS: '500' },
    readyUrl: `${emulatorUrl}/__emulator/health`,
    readyStatus: 200,
  });
  const baseUrl = `http://127.0.0.1:${await freePort()}`;
  const bff = await startChildServer({
    name: 'private bff',
    packageDir: join(repo, 'apps/bff'),
    env: {
      PORT: new URL(baseUrl).port,
      HOST: '127.0.0.1',
      DATA_DIR: join(dataDir, 'bff'),
      WEB_DIST_DIR: join(repo, 'apps/web/dist'),
      ...bffUpstreamEnv(emulatorUrl),
      // As chatty as the BFF gets: whatever it could log, it logs here.
      LOG_LEVEL: 'trace',
    },
    readyUrl: `${baseUrl}/api/session`,
    readyStatus: 401,
  });
  let output = '';
  bff.child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  bff.child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  return {
    baseUrl,
    emulatorUrl,
    bffOutput: () => output,
    async issuedTokens() {
      // The emulator persists its state 250 ms after a change.
      for (let i = 0; i < 50; i++) {
        try {
          const state = JSON.parse(await readFile(join(emulatorDir, 'state.json'), 'utf8')) as {
            services: { iam: { tokens: Record<string, unknown> } };
          };
          const tokens = Object.keys(state.services.iam.tokens);
          if (tokens.length > 0) return tokens;
        } catch {
          // not written yet
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      return [];
    },
    async stop() {
      await bff.stop();
      await emulator.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
