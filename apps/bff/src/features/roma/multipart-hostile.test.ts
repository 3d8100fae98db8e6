import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBffFixture, type BffFixture } from '../../testing/bff-fixture';
import { expectClientError } from '../../testing/error-shape';
import { hostileString } from '../../testing/hostile-arbitraries';
import { json, startRecordingUpstream, type RecordingUpstream } from '../../testing/recording-upstream';
import { signedInAgent } from '../../testing/signed-in-agent';

/**
 * Hostile multipart bodies on `POST /api/roma/assets/import`: each is a 4xx in the one error
 * shape naming the field, and ROMA never receives a whole import request for one of them.
 */

let up: RecordingUpstream;
let bff: BffFixture;
let admin: Awaited<ReturnType<typeof signedInAgent>>;
/** Import requests ROMA read to the end (and answered): the only ones that could start a job. */
let completed = 0;
const importPath = '/v2/proj-1/instances/roma-1/assets/import';
const field = 'ImportAssetRequestBody';
const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 1)]);
const boundary = 'hostile-boundary-7f3a';

beforeAll(async () => {
  up = await startRecordingUpstream();
  up.on('POST', importPath, (req, res, raw) => {
    completed += 1;
    json(200, { job_id: `job-${completed}` })(req, res, raw);
  });
  bff = await startBffFixture(up.url, { IMPORT_MAX_BYTES: String(64 * 1024) });
  admin = await signedInAgent(bff.app, 'demo-admin');
});
afterAll(async () => {
  await bff.close();
  await up.close();
});
beforeEach(() => {
  up.clear();
  completed = 0;
});

interface Part {
  name: string;
  filename?: string;
  type?: string;
  content: Buffer | string;
}

/** A multipart body exactly as given: no client library tidies names or headers. */
function form(parts: Part[], opts: { close?: boolean } = {}): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n`));
    if (p.type) chunks.push(Buffer.from(`Content-Type: ${p.type}\r\n`));
    chunks.push(Buffer.from('\r\n'), Buffer.from(p.content), Buffer.from('\r\n'));
  }
  if (opts.close !== false) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const post = (body: Buffer, contentType = `multipart/form-data; boundary=${boundary}`) =>
  admin.agent
    .post('/api/roma/assets/import')
    .set('x-csrf-token', admin.csrf)
    .set('content-type', contentType)
    .send(body);

const file = (filename: string, content: Buffer | string = zip, type = 'application/zip'): Part => ({
  name: field,
  filename,
  type,
  content,
});

describe('hostile multipart bodies', () => {
  it('imports a well-formed package (the baseline the refusals differ from)', async () => {
    const res = await post(form([{ name: 'note', content: 'x' }, file('assets-1.zip')]));
    expect(res.status).toBe(200);
    expect(completed).toBe(1);
  });

  const cases: [string, () => Buffer, string?][] = [
    ['a file name with ../', () => form([file('../../etc/assets.zip')])],
    ['a file name with an encoded ../', () => form([file('..%2F..%2Fassets.zip')])],
    ['a file name with CR/LF', () => form([file('assets\r\nX-Injected: 1\r\n.zip')])],
    ['a file name of 1 000 characters', () => form([file(`${'a'.repeat(996)}.zip`)])],
    ['a file name that is not .zip', () => form([file('assets.exe')])],
    ['a field name of 1 000 characters', () => form([{ ...file('assets.zip'), name: 'f'.repeat(1000) }])],
    ['a field name of 100 000 characters', () => form([{ ...file('assets.zip'), name: 'f'.repeat(100_000) }])],
    [
      'many parts',
      () => form([...Array.from({ length: 40 }, (_, i) => ({ name: `p${i}`, content: 'x' })), file('assets.zip')]),
    ],
    ['no file at all', () => form([{ name: 'note', content: 'x' }])],
    ['the field as text, not a file', () => form([{ name: field, content: zip }])],
    ['two files', () => form([file('assets-1.zip'), file('assets-2.zip')])],
    [
      'a file under another field, then the package',
      () => form([{ ...file('other.zip'), name: 'other' }, file('assets.zip')]),
    ],
    ['an empty file', () => form([file('assets.zip', Buffer.alloc(0))])],
    ['a file that is not a ZIP, typed as one', () => form([file('assets.zip', '%PDF-1.7')])],
    ['a file that is not a ZIP, typed as HTML', () => form([file('assets.zip', '<html>', 'text/html')])],
    ['a body cut before its closing boundary', () => form([file('assets.zip')], { close: false })],
    ['a file over the size limit', () => form([file('assets.zip', Buffer.concat([zip, Buffer.alloc(70 * 1024)]))])],
  ];
  for (const [name, body] of cases) {
    it(`refuses ${name} with a 4xx naming the field; ROMA gets no whole import`, async () => {
      const res = await post(body());
      const { error } = expectClientError(res, name);
      expect(error.field, name).toBe(field);
      expect(completed).toBe(0);
    });
  }

  it('refuses request content types that are not multipart/form-data with a boundary', async () => {
    const body = form([file('assets.zip')]);
    for (const type of ['text/plain', 'application/zip', 'multipart/mixed; boundary=x', 'application/json', '']) {
      const res = await post(body, type);
      expect(res.status, type).toBe(415);
      expect(expectClientError(res, type).error.field).toBe('content-type');
    }
    const noBoundary = await post(body, 'multipart/form-data');
    expect(expectClientError(noBoundary).error.field).toBe(field);
    expect(up.requests).toHaveLength(0);
  });

  it('random forms: never a 5xx, always the one shape, and ROMA finishes exactly the imports the BFF reports', async () => {
    const part: fc.Arbitrary<Part> = fc.record({
      name: fc.oneof(
        fc.constant(field),
        fc.constantFrom('note', 'file', ''),
        hostileString.map((s) => s.replace(/["\r\n]/g, '')),
      ),
      filename: fc.option(
        fc.oneof(
          fc.constantFrom('assets.zip', 'a+b-c_d.zip', '../a.zip', '.zip', 'a.zip.exe', `${'b'.repeat(300)}.zip`),
          hostileString,
        ),
        { nil: undefined },
      ),
      type: fc.option(fc.constantFrom('application/zip', 'text/plain', 'application/octet-stream', 'x/\u00e9'), {
        nil: undefined,
      }),
      content: fc.oneof(
        fc.constant(zip),
        fc.constant(''),
        fc.string({ maxLength: 20 }),
        fc.constant(Buffer.alloc(80 * 1024, 0x50)),
      ),
    });
    let successes = 0;
    let finished = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(part, { maxLength: 30 }), fc.boolean(), async (parts, close) => {
        const before = completed;
        const res = await post(form(parts, { close }));
        if (res.status === 200) {
          successes += 1;
          expect(res.body.job_id).toBe(`job-${completed}`);
        } else {
          expectClientError(res, JSON.stringify(parts.map((p) => ({ ...p, content: p.content.length }))).slice(0, 400));
        }
        // Give an aborted upstream upload a moment to show up as finished, if it wrongly were.
        await new Promise((r) => setTimeout(r, 5));
        finished += completed - before;
        expect(completed - before).toBe(res.status === 200 ? 1 : 0);
      }),
      { numRuns: 60 },
    );
    expect(finished).toBe(successes);
  }, 60_000);
});
