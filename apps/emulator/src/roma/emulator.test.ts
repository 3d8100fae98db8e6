import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { assetJobSchema, authTokenHeader, importAssetFileField, upstreamPaths } from '@portico/api-types/upstream';
import { demo } from '../demo';
import { buildAssetPackage } from '../testing/asset-package';
import { emulatorWithToken } from '../testing/emulator-harness';

const importPath = upstreamPaths.roma.importAssets(demo.projectId, demo.romaInstanceId);
const zip = Buffer.from(buildAssetPackage({ asset_version: '1.0', applications: [{ name: 'e2e-app' }], tasks: [] }));

describe('ROMA Connect through the emulator app', () => {
  it('needs a token at the gateway', async () => {
    const { app } = await emulatorWithToken();
    const res = await request(app).post(importPath).attach(importAssetFileField, zip, 'assets.zip');
    expect(res.status).toBe(401);
  });

  it('imports and the job ends SUCCEEDED after assetJobDurationMs', async () => {
    const { app, token } = await emulatorWithToken({ assetJobDurationMs: 1_000 });
    const started = await request(app)
      .post(importPath)
      .set(authTokenHeader, token)
      .attach(importAssetFileField, zip, 'assets.zip');
    expect(started.status).toBe(200);
    expect(started.body.job_id).toMatch(/^[0-9a-f]{32}$/);
    const jobPath = upstreamPaths.roma.job(demo.projectId, demo.romaInstanceId, started.body.job_id as string);
    const running = assetJobSchema.parse((await request(app).get(jobPath).set(authTokenHeader, token)).body);
    expect(running.status).toBe('RUNNING');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const done = assetJobSchema.parse((await request(app).get(jobPath).set(authTokenHeader, token)).body);
    expect(done.status).toBe('SUCCEEDED');
  });

  it("refuses another project than the token's", async () => {
    const { app, token } = await emulatorWithToken();
    const res = await request(app)
      .post(upstreamPaths.roma.importAssets('0123456789abcdef0123456789abcdef', demo.romaInstanceId))
      .set(authTokenHeader, token)
      .attach(importAssetFileField, zip, 'assets.zip');
    expect(res.status).toBe(403);
    expect(res.body.error_code).toBe('ROMA.1006');
    expect(res.body.request_id).toBe(res.headers['x-request-id']);
  });
});
