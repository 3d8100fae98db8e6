import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createLogger, requestLog } from './logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  return { lines, destination: { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) } };
}

describe('logger', () => {
  it('redact credentials wherever they sit in a line', () => {
    const { lines, destination } = capture();
    const logger = createLogger('info', destination);
    logger.info({ token: 'T1', upstream: { headers: { 'x-auth-token': 'T2', cookie: 'c=1' } }, body: { password: 'P' } }, 'x');
    const line = JSON.stringify(lines[0]);
    for (const secret of ['T1', 'T2', 'c=1', '"P"']) expect(line).not.toContain(secret);
    expect(line).toContain('[redacted]');
  });

  it('write one line per request with its id, method, path, status and duration, never its query or headers', async () => {
    const { lines, destination } = capture();
    const app = express();
    app.use((_req, res, next) => {
      res.locals.requestId = 'req-1';
      next();
    });
    app.use(requestLog(createLogger('info', destination)));
    app.get('/things', (_req, res) => void res.status(418).end());
    await request(app).get('/things?token=SECRET').set('cookie', 'portico_session=S3CR3T');
    await new Promise((r) => setImmediate(r));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'request', request_id: 'req-1', method: 'GET', path: '/things', status: 418, aborted: false });
    expect(typeof lines[0]!.ms).toBe('number');
    const line = JSON.stringify(lines[0]);
    expect(line).not.toContain('SECRET');
    expect(line).not.toContain('S3CR3T');
  });

  it("logs the request's whole path when a router mounted under a prefix answered it", async () => {
    const { lines, destination } = capture();
    const app = express();
    app.use(requestLog(createLogger('info', destination)));
    const insight = express.Router();
    insight.get('/permissions', (_req, res) => void res.status(204).end());
    const api = express.Router();
    api.use('/insight', insight);
    app.use('/api', api);
    await request(app).get('/api/insight/permissions?resource_id=d-1');
    await new Promise((r) => setImmediate(r));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ method: 'GET', path: '/api/insight/permissions', status: 204 });
  });
});
