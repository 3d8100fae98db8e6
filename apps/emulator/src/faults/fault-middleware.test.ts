import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { insightErrorSchema, romaErrorSchema, secmasterErrorSchema } from '@portico/api-types/upstream';
import { demo } from '../demo';
import { emulatorWithToken, insightHeaders } from '../testing/emulator-harness';

const datasets = `/v1/${demo.projectId}/datasets`;

describe('fault injection', () => {
  it('adds measurable latency to service routes', async () => {
    const emu = await emulatorWithToken({ seedResources: 10 });
    emu.setFaults({ latencyMs: 150 });
    const started = Date.now();
    await request(emu.app).get(datasets).set(insightHeaders(emu.token)).expect(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('throttles with 429, Retry-After and the Insight error body', async () => {
    const emu = await emulatorWithToken({ seedResources: 10, faults: { throttleRate: 1 } });
    const res = await request(emu.app).get(datasets).set(insightHeaders(emu.token)).expect(429);
    expect(res.get('retry-after')).toBe('1');
    insightErrorSchema.parse(res.body);
  });

  it('answers 5xx at errorRate 1 and nothing once switched off', async () => {
    const emu = await emulatorWithToken({ seedResources: 10, faults: { errorRate: 1 } });
    const res = await request(emu.app).get(datasets).set(insightHeaders(emu.token));
    expect([500, 503]).toContain(res.status);
    insightErrorSchema.parse(res.body);
    emu.setFaults({ errorRate: 0 });
    await request(emu.app).get(datasets).set(insightHeaders(emu.token)).expect(200);
  });

  it('answers SecMaster and ROMA faults in their own shapes, and leaves sign-in alone', async () => {
    const emu = await emulatorWithToken({ seedResources: 10, faults: { throttleRate: 1 } });
    const sm = await request(emu.app)
      .get(`/v1/${demo.projectId}/workspaces/${demo.secmasterWorkspaceId}/soc/workflows`)
      .set(insightHeaders(emu.token))
      .expect(429);
    secmasterErrorSchema.parse(sm.body);
    const roma = await request(emu.app)
      .get(`/v2/${demo.projectId}/instances/${demo.romaInstanceId}/assets/jobs/x`)
      .set(insightHeaders(emu.token))
      .expect(429);
    expect(romaErrorSchema.parse(roma.body).request_id).toBe(roma.get('x-request-id'));
  });
});
