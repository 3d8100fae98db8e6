import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBffFixture, type BffFixture } from '../../testing/bff-fixture';
import { json, recordedToken, startRecordingUpstream, type RecordingUpstream } from '../../testing/recording-upstream';
import { signedInAgent } from '../../testing/signed-in-agent';
import { assetJob } from '../../testing/upstream-samples';

let up: RecordingUpstream;
let bff: BffFixture;
let op: Awaited<ReturnType<typeof signedInAgent>>;
const importPath = '/v2/proj-1/instances/roma-1/assets/import';
const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('rest-of-zip')]);

beforeAll(async () => {
  up = await startRecordingUpstream();
  bff = await startBffFixture(up.url, { IMPORT_MAX_BYTES: '1024' });
  op = await signedInAgent(bff.app, 'demo-operator');
});
afterAll(async () => {
  await bff.close();
  await up.close();
});
beforeEach(() => up.clear());

const post = (query = '') => op.agent.post(`/api/roma/assets/import${query}`).set('x-csrf-token', op.csrf);

describe('POST /api/roma/assets/import', () => {
  it('streams the package to ROMA in field ImportAssetRequestBody with the query as given', async () => {
    up.on('POST', importPath, json(200, { job_id: 'ff8080814dbd65d7014dbe0d84db0013' }));
    const res = await post('?type=Merge&prefix=q3_&datasource_overwrite=true')
      .field('note', 'ignored')
      .attach('ImportAssetRequestBody', zip, { filename: 'assets-1.zip', contentType: 'application/zip' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ job_id: 'ff8080814dbd65d7014dbe0d84db0013' });
    const sent = up.last();
    expect(sent).toMatchObject({
      method: 'POST',
      path: importPath,
      query: { type: 'Merge', prefix: 'q3_', datasource_overwrite: 'true' },
    });
    expect(sent.headers['x-auth-token']).toBe(recordedToken);
    expect(sent.headers.cookie).toBeUndefined();
    const boundary = /boundary=(.+)$/.exec(String(sent.headers['content-type']))?.[1];
    expect(sent.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent.body).toBe(
      `--${boundary}\r\nContent-Disposition: form-data; name="ImportAssetRequestBody"; filename="assets-1.zip"\r\n` +
        `Content-Type: application/zip\r\n\r\n${zip.toString('latin1')}\r\n--${boundary}--\r\n`,
    );
    const log = await op.agent.get('/api/activity?operation=assets.import');
    expect(log.body.items[0]).toMatchObject({
      target: 'assets-1.zip',
      outcome: 'success',
      details: { job_id: 'ff8080814dbd65d7014dbe0d84db0013' },
    });
  });

  it('refuses a non-ZIP with 415 before calling ROMA', async () => {
    const res = await post().attach('ImportAssetRequestBody', Buffer.from('%PDF-1.7 not a zip'), { filename: 'a.zip' });
    expect(res.status).toBe(415);
    expect(res.body.error).toMatchObject({ code: 'unsupported_media_type', field: 'ImportAssetRequestBody' });
    expect(up.requests).toHaveLength(0);
  });

  it('refuses a file over the limit with 413', async () => {
    up.on('POST', importPath, json(200, { job_id: 'x' }), { discardBody: true });
    const res = await post().attach('ImportAssetRequestBody', Buffer.concat([zip, Buffer.alloc(2000)]), {
      filename: 'a.zip',
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('names the field of bad input', async () => {
    const badName = await post().attach('ImportAssetRequestBody', zip, { filename: '-bad name.zip' });
    expect(badName.body.error).toMatchObject({ code: 'validation_failed', field: 'ImportAssetRequestBody' });
    const noFile = await post().field('other', 'x');
    expect(noFile.body.error.field).toBe('ImportAssetRequestBody');
    const badType = await post('?type=Replace').attach('ImportAssetRequestBody', zip, { filename: 'a.zip' });
    expect(badType.body.error.field).toBe('type');
    const notMultipart = await post().send({ a: 1 });
    expect(notMultipart.status).toBe(415);
    expect(up.requests).toHaveLength(0);
  });

  it('relays ROMA errors with every field', async () => {
    up.on(
      'POST',
      importPath,
      json(403, {
        error_code: 'ROMA.10012',
        error_msg: 'job running',
        error_details: 'one job per user',
        request_id: 'roma-req-7',
      }),
    );
    const res = await post().attach('ImportAssetRequestBody', zip, { filename: 'a.zip' });
    expect(res.status).toBe(403);
    expect(res.body.error.upstream).toEqual({
      status: 403,
      service: 'roma',
      code: 'ROMA.10012',
      message: 'job running',
      details: 'one job per user',
      request_id: 'roma-req-7',
    });
  });

  it("relays ROMA's refusal when ROMA answers before the upload has arrived and drops the connection", async () => {
    // As a server does with a body it will not take: the answer at once, then the connection cut
    // with the rest unread (a reset: writes fail at once, and the answer waits in the socket).
    up.on(
      'POST',
      importPath,
      (_req, res, raw) => {
        res.writeHead(413, { 'content-type': 'application/json', 'x-request-id': 'roma-req-9', connection: 'close' });
        res.end(
          JSON.stringify({ error_code: 'APIG.0201', error_msg: 'Request entity too large', request_id: 'roma-req-9' }),
          () => raw.socket.destroy(),
        );
      },
      { early: true },
    );
    const large = bff.withEnv({ IMPORT_MAX_BYTES: String(64 * 1024 * 1024) });
    const { agent, csrf } = await signedInAgent(large, 'demo-operator');
    for (let i = 0; i < 5; i++) {
      const res = await agent
        .post('/api/roma/assets/import')
        .set('x-csrf-token', csrf)
        .attach('ImportAssetRequestBody', Buffer.concat([zip, Buffer.alloc(32 * 1024 * 1024)]), {
          filename: `big-${i}.zip`,
        });
      expect(res.status).toBe(413);
      expect(res.body.error.upstream).toEqual({
        status: 413,
        service: 'roma',
        code: 'APIG.0201',
        message: 'Request entity too large',
        request_id: 'roma-req-9',
      });
    }
    const log = await agent.get('/api/activity?operation=assets.import&resource=big-');
    expect(
      log.body.items.slice(0, 5).map((e: { outcome: string; error_code: string }) => [e.outcome, e.error_code]),
    ).toEqual(Array(5).fill(['failure', 'APIG.0201']));
  });
});

describe('GET /api/roma/assets/jobs/:job_id', () => {
  it('relays the job and checks the id', async () => {
    up.on('GET', '/v2/proj-1/instances/roma-1/assets/jobs/job-1', json(200, assetJob));
    const res = await op.agent.get('/api/roma/assets/jobs/job-1');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 'job-1', status: 'SUCCEEDED' });
    expect(up.last().headers['x-auth-token']).toBe(recordedToken);
    const bad = await op.agent.get('/api/roma/assets/jobs/a%20b');
    expect(bad.body.error.field).toBe('job_id');
  });
});
