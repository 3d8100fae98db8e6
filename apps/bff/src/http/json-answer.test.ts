import express, { type Express, type Response } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { answerJsonLean } from './json-answer';

/** The same routes on Express's own `res.json` and on the lean one. */
function appWith(lean: boolean): Express {
  const app = express();
  app.set('etag', false);
  if (lean) answerJsonLean(app);
  const answers: Record<string, (res: Response) => void> = {
    object: (res) => res.json({ id: 'd-1', switches: { read: true, edit: false }, n: 1.5, list: [1, null] }),
    multibyte: (res) => res.json({ name: 'Übersicht — 数据集 ✓', emoji: '📊' }),
    created: (res) => res.status(201).json({ job_id: 'j-1' }),
    problem: (res) => res.status(409).type('application/problem+json').json({ error: 'conflict' }),
    nothing: (res) => res.json(undefined),
    null: (res) => res.json(null),
    number: (res) => res.json(42),
    string: (res) => res.json('a "quoted" line\n'),
    'no-content': (res) => res.status(204).json({ dropped: true }),
  };
  for (const [path, answer] of Object.entries(answers)) app.all(`/${path}`, (_req, res) => answer(res));
  return app;
}

const express5 = appWith(false);
const lean = appWith(true);
const paths = ['object', 'multibyte', 'created', 'problem', 'nothing', 'null', 'number', 'string', 'no-content'];

/** What a client sees of an answer, but the date. */
async function seen(app: Express, method: 'get' | 'head', path: string) {
  const client = request(app);
  const res = await client[method](`/${path}`)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
  const { date: _date, ...headers } = res.headers as Record<string, string>;
  return { status: res.status, headers, body: Buffer.isBuffer(res.body) ? res.body.toString('utf8') : '' };
}

describe('answerJsonLean', () => {
  it.each(paths)('answers GET /%s with the status, headers and bytes Express sends', async (path) => {
    const want = await seen(express5, 'get', path);
    const got = await seen(lean, 'get', path);
    expect(got).toEqual(want);
  });

  it.each(paths)('answers HEAD /%s as Express does: the same headers, no body', async (path) => {
    const want = await seen(express5, 'head', path);
    const got = await seen(lean, 'head', path);
    expect(got).toEqual(want);
    expect(got.body).toBe('');
  });

  it("answers without Express's res.send (what makes it lean), but for a preset content type", async () => {
    const app = appWith(true);
    let sent = 0;
    const send = app.response.send;
    app.response.send = function (this: Response, ...args: Parameters<Response['send']>) {
      sent++;
      return send.apply(this, args);
    } as Response['send'];
    for (const path of ['object', 'created', 'nothing', 'no-content'])
      expect((await seen(app, 'get', path)).status).toBeLessThan(300);
    expect(sent).toBe(0);
    await seen(app, 'get', 'problem');
    expect(sent).toBe(1);
  });

  it('counts the bytes, not the characters, of a multibyte body', async () => {
    const got = await seen(lean, 'get', 'multibyte');
    expect(got.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(got.headers['content-length'])).toBe(Buffer.byteLength(got.body));
    expect(Number(got.headers['content-length'])).toBeGreaterThan(got.body.length);
    expect(JSON.parse(got.body)).toEqual({ name: 'Übersicht — 数据集 ✓', emoji: '📊' });
  });
});
