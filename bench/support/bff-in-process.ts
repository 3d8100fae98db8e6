import http from 'node:http';
import { createApp } from '../../apps/bff/src/app';
import { parseEnv } from '../../apps/bff/src/config/env';
import { emulatorUpstream } from '../../apps/bff/src/embedded-emulator';
import { createLogger } from '../../apps/bff/src/http/logger';
import { listen } from '../../apps/bff/src/testing/listen';
import { pgliteTestDatabase } from '../../apps/bff/src/testing/test-databases';
import { demo, startEmulator, type RunningEmulator } from '../../apps/emulator/src/index';

export interface BffInProcess {
  url: string;
  emulator: RunningEmulator;
  /** Cookie and CSRF headers of a signed-in demo operator. */
  headers: Record<string, string>;
  close(): Promise<void>;
}

/** The emulator and the BFF (`createApp`, in-memory PGlite) in this process, signed in. */
export async function startBffInProcess(): Promise<BffInProcess> {
  // Short asset jobs: ROMA refuses an import while the previous one still runs.
  const emulator = await startEmulator({ seedResources: 30, assetJobDurationMs: 20 });
  const testDb = await pgliteTestDatabase();
  const app = createApp({
    db: testDb.db,
    logger: createLogger('silent'),
    env: parseEnv({ WEB_DIST_DIR: '/nonexistent' }),
    upstream: emulatorUpstream(emulator.url, 60_000),
  });
  const server = await listen(app);
  const { name, password } = demo.users.operator;
  const signIn = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ domain: demo.domainName, username: name, password }),
  });
  if (signIn.status !== 201) throw new Error(`sign-in failed: ${signIn.status}`);
  const { csrf_token: csrf } = (await signIn.json()) as { csrf_token: string };
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  return {
    url: server.url,
    emulator,
    headers: { cookie, 'x-csrf-token': csrf },
    async close() {
      await server.close();
      await testDb.dispose();
      await emulator.close();
    },
  };
}

/** Sends `body` and reads the answer as it comes, handing each chunk to `onChunk`. */
export function exchange(
  url: string,
  options: http.RequestOptions,
  body: string | AsyncIterable<Uint8Array>,
  onChunk: (chunk: Buffer) => void,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, options, (res) => {
      res.on('data', onChunk);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (typeof body === 'string') req.end(body);
    else
      void (async () => {
        for await (const chunk of body) if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
        req.end();
      })().catch(reject);
  });
}
