import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { parseEnv } from '../config/env';
import { fixtureIds, startBffFixture, type BffFixture } from '../testing/bff-fixture';
import { createLogger } from './logger';
import { startRecordingUpstream, type RecordingUpstream } from '../testing/recording-upstream';

let up: RecordingUpstream;
let bff: BffFixture;
let https: { app: Express };
let web: string;

const strict = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

beforeAll(async () => {
  web = mkdtempSync(join(tmpdir(), 'portico-web-'));
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(web, 'assets/app.js'), 'console.log(1)');
  up = await startRecordingUpstream();
  bff = await startBffFixture(up.url, { WEB_DIST_DIR: web });
  // The same app served at an https public origin, on the same database.
  https = {
    app: createApp({
      db: bff.testDb.db,
      logger: createLogger('silent'),
      env: parseEnv({ WEB_DIST_DIR: web, PUBLIC_ORIGIN: 'https://portico.example' }),
      upstream: { iam: up.url, insight: up.url, secmaster: up.url, roma: up.url, ...fixtureIds, timeoutMs: 5_000 },
    }),
  };
});
afterAll(async () => {
  await bff.close();
  await up.close();
  rmSync(web, { recursive: true, force: true });
});

describe('security headers', () => {
  it('are on every response: API answers, errors, the web app, its files and its client routes', async () => {
    const answers = await Promise.all([
      request(bff.app).get('/api/session'),
      request(bff.app).post('/api/session').send({}),
      request(bff.app).get('/api/nowhere'),
      request(bff.app).post('/api/session').set('origin', 'https://evil.example').send({}),
      request(bff.app).get('/'),
      request(bff.app).get('/assets/app.js'),
      request(bff.app).get('/audits/123'),
    ]);
    expect(answers.map((r) => r.status)).toEqual([401, 400, 401, 403, 200, 200, 200]);
    for (const res of answers) {
      expect(res.headers).toMatchObject(strict);
      expect(res.headers['content-security-policy']).not.toContain('unsafe');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('forbid caching of every API answer (which so carries no ETag), not of the web app', async () => {
    for (const path of ['/api/session', '/api/nowhere', '/api']) {
      const res = await request(bff.app).get(path);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers.etag).toBeUndefined();
    }
    const file = await request(bff.app).get('/assets/app.js');
    expect(file.headers['cache-control']).not.toContain('no-store');
    expect(file.headers.etag).toBeDefined();
  });

  it('add HSTS when the public origin is https', async () => {
    for (const path of ['/api/session', '/']) {
      const res = await request(https.app).get(path);
      expect(res.headers).toMatchObject(strict);
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    }
  });
});
