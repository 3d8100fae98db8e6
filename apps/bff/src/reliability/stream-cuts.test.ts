import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HandleCount } from '../testing/open-handles';
import { multipartFile, multipartLength, testBoundary } from '../testing/multipart';
import {
  assetPackage,
  expectBffError,
  rawExchange,
  startReliabilityStack,
  type Caller,
  type ReliabilityStack,
} from '../testing/reliability-stack';

// A connection cut mid-export and mid-import: the browser never gets a complete-looking file nor
// a job id, the log says failure (one entry, no success), others are served, no socket leaks.
let stack: ReliabilityStack;
let operator: Caller;
let auditor: Caller;
let resourceId: string;
let baseline: HandleCount;
const mib = 1024 * 1024;

beforeAll(async () => {
  stack = await startReliabilityStack();
  operator = await stack.signIn('operator');
  auditor = await stack.signIn('auditor');
  resourceId = await stack.firstDashboard(operator);
});
afterAll(() => stack.close());
beforeEach(async () => {
  baseline = await stack.settle(stack.handles());
});
afterEach(async () => {
  stack.emulator.setFaults({ cutStreamAfterBytes: null, largeFileBytes: null, cutUploadAfterBytes: null });
  const after = await stack.settle(baseline);
  expect(after.sockets).toBeLessThanOrEqual(baseline.sockets);
  expect(after.fds).toBeLessThanOrEqual(baseline.fds);
});

const json = (caller: Caller) => ({
  method: 'POST',
  headers: { ...caller.headers, 'content-type': 'application/json' },
});

function downloadPackage(caller: Caller) {
  const body = Buffer.from(
    JSON.stringify({ name: 'cut', resources: [{ resource_type: 'dashboard', resource_id: resourceId }] }),
  );
  return rawExchange(`${stack.url}/api/insight/resource-packages/export`, json(caller), body);
}

describe('a connection cut mid-export', () => {
  it('ends the download aborted, never complete-looking, and the entry says stream_interrupted', async () => {
    stack.emulator.setFaults({ largeFileBytes: 8 * mib, cutStreamAfterBytes: 2 * mib });
    const meanwhile = stack.call(
      auditor,
      'GET',
      `/api/insight/permissions?resource_type=dashboard&resource_id=${resourceId}`,
    );
    const got = await downloadPackage(operator);
    expect(got.status).toBe(200);
    expect(got.complete).toBe(false);
    expect(got.error).toBeDefined();
    expect(got.bytes).toBeLessThan(2 * mib + 64 * 1024);
    expect((await meanwhile).status).toBe(200);

    const requestId = String(got.headers['x-request-id']);
    expect(await stack.activityOf(requestId)).toEqual([
      { operation: 'resource_package.export', outcome: 'failure', error_code: 'stream_interrupted' },
    ]);
  });

  it('cuts SecMaster workflow exports the same way', async () => {
    const list = await stack.call(operator, 'GET', '/api/secmaster/workflows?limit=1');
    const id = (list.body as { items: { id: string }[] }).items[0]!.id;
    stack.emulator.setFaults({ largeFileBytes: 8 * mib, cutStreamAfterBytes: mib });
    const got = await rawExchange(
      `${stack.url}/api/secmaster/workflows/export`,
      json(operator),
      Buffer.from(JSON.stringify({ id: [id] })),
    );
    expect(got.status).toBe(200);
    expect(got.complete).toBe(false);
    expect(await stack.activityOf(String(got.headers['x-request-id']))).toEqual([
      { operation: 'workflows.export', outcome: 'failure', error_code: 'stream_interrupted' },
    ]);
  });

  it('downloads whole once the fault is off, with one success entry', async () => {
    stack.emulator.setFaults({ largeFileBytes: 4 * mib });
    const got = await downloadPackage(operator);
    expect(got.complete).toBe(true);
    expect(got.bytes).toBeGreaterThan(4 * mib);
    expect(await stack.activityOf(String(got.headers['x-request-id']))).toEqual([
      { operation: 'resource_package.export', outcome: 'success', error_code: null },
    ]);
  });
});

describe('a connection cut mid-import', () => {
  const path = '/api/roma/assets/import?type=AddNew&prefix=cut_';
  const upload = (caller: Caller, size: number) =>
    rawExchange(
      stack.url + path,
      {
        method: 'POST',
        headers: {
          ...caller.headers,
          'content-type': `multipart/form-data; boundary=${testBoundary}`,
          'content-length': multipartLength(size),
        },
      },
      multipartFile({ size }),
    );

  it('answers 502 in the error shape, no job id, one failed entry; the next import runs', async () => {
    stack.emulator.setFaults({ cutUploadAfterBytes: 256 * 1024 });
    const meanwhile = stack.call(auditor, 'GET', '/api/activity?limit=1');
    const got = await upload(operator, 6 * mib);
    const body = JSON.parse(got.body.toString('utf8')) as unknown;
    const err = expectBffError(
      { status: got.status, requestId: String(got.headers['x-request-id']), body },
      502,
      'upstream_unreachable',
    );
    expect(err.error.upstream?.service).toBe('roma');
    expect(body).not.toHaveProperty('job_id');
    expect((await meanwhile).status).toBe(200);
    expect(await stack.activityOf(err.request_id)).toEqual([
      { operation: 'assets.import', outcome: 'failure', error_code: expect.any(String) },
    ]);

    // The cut upload left no job behind: ROMA takes the next import at once.
    stack.emulator.setFaults({ cutUploadAfterBytes: null });
    const pkg = assetPackage();
    const boundary = 'ok-boundary';
    const ok = await rawExchange(
      stack.url + path,
      { method: 'POST', headers: { ...operator.headers, 'content-type': `multipart/form-data; boundary=${boundary}` } },
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="ImportAssetRequestBody"; filename="ok.zip"\r\nContent-Type: application/zip\r\n\r\n`,
        ),
        pkg,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    );
    expect(ok.status).toBe(200);
    const { job_id } = JSON.parse(ok.body.toString('utf8')) as { job_id: string };
    expect(job_id).toEqual(expect.any(String));
    expect(await stack.activityOf(String(ok.headers['x-request-id']))).toMatchObject([{ outcome: 'success' }]);
  });
});
