import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../testing/test-databases';
import { AuditStore } from './audit-store';
import { auditTestBackends } from './testing/audit-database';
import { auditsTestApp } from './testing/router-harness';

const pglite = auditTestBackends.find((b) => b.name === 'pglite');
if (!pglite) throw new Error('no PGlite test back-end');

async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition never met');
}

describe('audits router: cancel', () => {
  let t: TestDatabase;
  let h: ReturnType<typeof auditsTestApp>;
  beforeAll(async () => {
    t = await pglite.open();
    h = auditsTestApp(t.db, 400, 25);
  });
  afterAll(() => t.dispose());

  it('POST /api/audits/:id/cancel stops a running audit, which ends as cancelled', async () => {
    const running = request(h.app)
      .post('/api/audits')
      .set('x-test-role', 'auditor')
      .send({ workspace_id: 'ws1', resource_types: ['dataset'] })
      .then((r) => r);
    const store = new AuditStore(t.db);
    const id = await until(async () => {
      const list = await store.list({ offset: 0, limit: 5 });
      return list.items.find((a) => a.status === 'running')?.id;
    });
    const cancel = await request(h.app).post(`/api/audits/${id}/cancel`).set('x-test-role', 'auditor');
    expect(cancel.status).toBe(202);
    const res = await running;
    const lines = res.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.at(-1)).toEqual({ type: 'cancelled', audit_id: id });
    const stored = await store.get(id);
    expect(stored?.status).toBe('cancelled');
    expect(stored?.done).toBeLessThan(400);
    expect(stored?.done).toBe(lines.filter((l) => l.type === 'row').length);
  });
  it('a cancel that reaches another replica stops the audit on the replica running it', async () => {
    // Two BFF replicas over one database: the audit runs on `a`, the cancel reaches `b`.
    const a = auditsTestApp(t.db, 400, 25, { cancelPollMs: 20 });
    const b = auditsTestApp(t.db, 400, 25, { cancelPollMs: 20 });
    const running = request(a.app)
      .post('/api/audits')
      .set('x-test-role', 'admin')
      .send({ workspace_id: 'ws-replicas', resource_types: ['dataset'] })
      .then((r) => r);
    const store = new AuditStore(t.db);
    const id = await until(async () => {
      const list = await store.list({ workspace_id: 'ws-replicas', offset: 0, limit: 1 });
      return list.items.find((x) => x.status === 'running')?.id;
    });
    const cancel = await request(b.app).post(`/api/audits/${id}/cancel`).set('x-test-role', 'admin');
    expect(cancel.status).toBe(202);
    const res = await running;
    expect(JSON.parse(res.text.trim().split('\n').at(-1) ?? '{}')).toEqual({
      type: 'cancelled',
      audit_id: id,
    });
    const stored = await store.get(id);
    expect(stored?.status).toBe('cancelled');
    expect(stored?.done).toBeLessThan(400);
  });

  it('a browser that goes away cancels its audit', async () => {
    const server: Server = await new Promise((resolve) => {
      const srv = h.app.listen(0, '127.0.0.1', () => resolve(srv));
    });
    try {
      const { port } = server.address() as AddressInfo;
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/audits',
        headers: { 'content-type': 'application/json', 'x-test-role': 'admin' },
      });
      req.on('error', () => undefined);
      req.on('response', (res) => res.once('data', () => req.destroy()));
      req.end(JSON.stringify({ workspace_id: 'ws-gone', resource_types: ['dataset'] }));
      const store = new AuditStore(t.db);
      const gone = await until(async () => {
        const list = await store.list({ workspace_id: 'ws-gone', offset: 0, limit: 1 });
        const a = list.items[0];
        return a && a.status !== 'running' ? a : undefined;
      });
      expect(gone.status).toBe('cancelled');
      expect(gone.done).toBeLessThan(400);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
