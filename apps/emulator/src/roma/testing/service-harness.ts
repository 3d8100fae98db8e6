import express from 'express';
import { answerAfterRequest } from '../../common/answer-after-request';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRandom } from '../../common/random';
import type { CallerIdentity, EmulatedService, FaultConfig, ServiceContext } from '../../context';

export const testCaller: CallerIdentity = {
  userId: 'u0000000000000000000000000000001',
  userName: 'alice',
  domainId: 'd0000000000000000000000000000001',
  domainName: 'acme',
  projectId: 'p0000000000000000000000000000001',
};

export interface TestContext extends ServiceContext {
  clock: { now: number };
  faultConfig: FaultConfig;
  dirtyCount(): number;
}

/** A fake core context: a clock tests move, seeded randomness, counted `markDirty` calls. */
export function testContext(assetJobDurationMs = 10_000): TestContext {
  const clock = { now: Date.UTC(2026, 10, 23, 9, 0, 0) };
  const random = createRandom(42);
  const hex = () => Math.floor(random.next() * 16).toString(16);
  const faultConfig: FaultConfig = {
    latencyMs: 0,
    errorRate: 0,
    throttleRate: 0,
    cutStreamAfterBytes: null,
    largeFileBytes: null,
    cutUploadAfterBytes: null,
    resetRate: 0,
  };
  let dirty = 0;
  return {
    config: { dataDir: undefined, tokenTtlMs: 60_000, assetJobDurationMs, seedResources: 10 },
    clock,
    faultConfig,
    now: () => clock.now,
    newId: () => Array.from({ length: 32 }, hex).join(''),
    newUuid: () => crypto.randomUUID(),
    random,
    markDirty: () => {
      dirty += 1;
    },
    faults: () => faultConfig,
    dirtyCount: () => dirty,
  };
}

/**
 * Mounts one service's router on a bare express app that plays the gateway: the caller comes
 * from `X-Test-User` (user id) so tests can act as several users; none → no caller.
 */
export function serviceApp<S>(service: EmulatedService<S>, ctx: ServiceContext, state: S) {
  const app = express();
  app.use(answerAfterRequest);
  app.use((req, res, next) => {
    const user = req.header('x-test-user');
    if (user !== 'none') res.locals.caller = { ...testCaller, userId: user ?? testCaller.userId };
    next();
  });
  app.use(service.routes(ctx, state));
  return app;
}

/** Listens on an ephemeral port on 127.0.0.1, for tests that stream real HTTP bodies. */
export async function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}
