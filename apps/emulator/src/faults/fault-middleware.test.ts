import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { insightErrorSchema, romaErrorSchema, secmasterErrorSchema } from '@portico/api-types/upstream';
import type { EmulatorApp } from '../app';
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

describe('connection faults', () => {
  async function listening(emu: EmulatorApp) {
    const server = emu.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  }

  it('resets the connection at resetRate 1, and not at 0', async () => {
    const emu = await emulatorWithToken({ seedResources: 10, faults: { resetRate: 1 } });
    const { server, url } = await listening(emu);
    try {
      const err = await fetch(url + datasets, { headers: insightHeaders(emu.token) }).then(
        () => undefined,
        (e: Error) => e,
      );
      expect((err?.cause as NodeJS.ErrnoException | undefined)?.code).toBe('ECONNRESET');
      emu.setFaults({ resetRate: 0 });
      expect((await fetch(url + datasets, { headers: insightHeaders(emu.token) })).status).toBe(200);
    } finally {
      server.close();
    }
  });

  it('cuts an upload after cutUploadAfterBytes, before any answer', async () => {
    const emu = await emulatorWithToken({ seedResources: 10, faults: { cutUploadAfterBytes: 64 * 1024 } });
    const { server, url } = await listening(emu);
    const path = `/v2/${demo.projectId}/instances/${demo.romaInstanceId}/assets/import`;
    const upload = (size: number) =>
      new Promise<{ status?: number; error?: string; sent: number }>((resolve) => {
        let sent = 0;
        const req = http.request(url + path, {
          method: 'POST',
          headers: {
            ...insightHeaders(emu.token),
            'content-type': 'multipart/form-data; boundary=x',
            'content-length': size,
          },
        });
        req.on('response', (res) => {
          res.resume();
          resolve({ status: res.statusCode, sent });
        });
        req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code, sent }));
        const chunk = Buffer.alloc(16 * 1024, 1);
        const pump = () => {
          while (sent < size) {
            sent += chunk.length;
            if (!req.write(chunk)) return void req.once('drain', pump);
          }
          req.end();
        };
        pump();
      });
    try {
      const cut = await upload(8 * 1024 * 1024);
      expect(cut.status).toBeUndefined();
      expect(cut.error).toMatch(/ECONNRESET|EPIPE/);
      expect(cut.sent).toBeLessThan(8 * 1024 * 1024);
      emu.setFaults({ cutUploadAfterBytes: null });
      // A garbage body is refused in ROMA's shape: the upload was read to its end and answered.
      expect((await upload(256 * 1024)).status).toBe(400);
    } finally {
      server.close();
    }
  });
});
