import request from 'supertest';
import { importAssetFileField, upstreamPaths } from '@portico/api-types/upstream';
import { demoRomaInstanceId, romaService } from '../index';
import { serviceApp, testCaller, testContext } from './service-harness';

/** A seeded ROMA router on a bare app, with helpers for its routes. */
export function romaHarness(assetJobDurationMs = 10_000) {
  const ctx = testContext(assetJobDurationMs);
  const state = romaService.seed(ctx, { resources: 0, seed: 1 });
  const app = serviceApp(romaService, ctx, state);
  const p = testCaller.projectId;
  const i = demoRomaInstanceId;
  const instance = () => {
    const found = state.instances[i];
    if (!found) throw new Error('demo instance missing');
    return found;
  };
  return {
    ctx,
    state,
    app,
    instance,
    paths: {
      import: upstreamPaths.roma.importAssets(p, i),
      export: upstreamPaths.roma.exportAssets(p, i),
      job: (id: string) => upstreamPaths.roma.job(p, i, id),
      archive: (id: string) => upstreamPaths.roma.archive(p, i, id),
    },
    upload(zip: Uint8Array, opts: { filename?: string; query?: Record<string, string>; user?: string } = {}) {
      return request(app)
        .post(upstreamPaths.roma.importAssets(p, i))
        .query(opts.query ?? {})
        .set('x-test-user', opts.user ?? testCaller.userId)
        .attach(importAssetFileField, Buffer.from(zip), opts.filename ?? 'assets.zip');
    },
    /** Moves the clock past the job duration so RUNNING jobs end. */
    finishJobs() {
      ctx.clock.now += assetJobDurationMs + 1;
    },
  };
}
