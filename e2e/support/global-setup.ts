import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bffUpstreamEnv, freePort } from '@portico/emulator';
import { startChildServer } from './child-server';

const repo = resolve(import.meta.dirname, '../..');

/**
 * Starts the whole stack from its built output, as a user would run it: the emulator on a free
 * port with its own data folder, and the BFF (serving the built web app) pointed at it.
 */
export default async function globalSetup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-e2e-'));
  const emulatorPort = await freePort();
  const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
  const emulator = await startChildServer({
    name: 'emulator',
    packageDir: join(repo, 'apps/emulator'),
    env: {
      PORT: String(emulatorPort),
      HOST: '127.0.0.1',
      DATA_DIR: join(dataDir, 'emulator'),
      // Long enough for a second import to find the first still running.
      ASSET_JOB_DURATION_MS: '3000',
    },
    readyUrl: `${emulatorUrl}/__emulator/health`,
    readyStatus: 200,
  });

  const bffPort = await freePort();
  const baseUrl = `http://127.0.0.1:${bffPort}`;
  const bff = await startChildServer({
    name: 'bff',
    packageDir: join(repo, 'apps/bff'),
    env: {
      PORT: String(bffPort),
      HOST: '127.0.0.1',
      DATA_DIR: join(dataDir, 'bff'),
      WEB_DIST_DIR: join(repo, 'apps/web/dist'),
      ...bffUpstreamEnv(emulatorUrl),
      LOG_LEVEL: 'warn',
    },
    readyUrl: `${baseUrl}/api/session`,
    readyStatus: 401,
  });

  process.env.PORTICO_E2E_BASE_URL = baseUrl;
  process.env.PORTICO_E2E_EMULATOR_URL = emulatorUrl;

  return async () => {
    await bff.stop();
    await emulator.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
