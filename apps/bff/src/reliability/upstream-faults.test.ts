import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  expectBffError,
  startReliabilityStack,
  type Caller,
  type ReliabilityStack,
} from '../testing/reliability-stack';
import type { HandleCount } from '../testing/open-handles';

// Upstream latency beyond the timeout, 5xx and 429 storms: the user gets one clear error, another
// user is served meanwhile, the activity log holds one failure (never a success), no socket leaks.
let stack: ReliabilityStack;
let operator: Caller;
let auditor: Caller;
let resourceId: string;
let baseline: HandleCount;
const timeoutMs = 400;

beforeAll(async () => {
  stack = await startReliabilityStack({ timeoutMs });
  operator = await stack.signIn('operator');
  auditor = await stack.signIn('auditor');
  resourceId = await stack.firstDashboard(operator);
});
afterAll(() => stack.close());
beforeEach(async () => {
  baseline = await stack.settle(stack.handles());
});
afterEach(async () => {
  stack.emulator.setFaults({ latencyMs: 0, errorRate: 0, throttleRate: 0 });
  const after = await stack.settle(baseline);
  expect(after.sockets).toBeLessThanOrEqual(baseline.sockets);
  expect(after.fds).toBeLessThanOrEqual(baseline.fds);
});

const ref = () => `resource_type=dashboard&resource_id=${resourceId}`;
const save = (config: Record<string, boolean>) =>
  stack.call(operator, 'PUT', '/api/insight/permissions', {
    resource_type: 'dashboard',
    resource_id: resourceId,
    auth_switch_config: config,
  });
const exportPackage = () =>
  stack.call(operator, 'POST', '/api/insight/resource-packages/export', {
    name: 'faulty',
    resources: [{ resource_type: 'dashboard', resource_id: resourceId }],
  });
const readSwitches = async () =>
  (await stack.call(auditor, 'GET', `/api/insight/permissions?${ref()}`)).body.auth_switch_config;

describe('upstream latency beyond the timeout', () => {
  it('answers 504 upstream_timeout while another user is served, and writes nothing upstream', async () => {
    const before = await readSwitches();
    stack.emulator.setFaults({ latencyMs: timeoutMs * 3 });
    const started = Date.now();
    const slow = save({ read: !(before as { read?: boolean }).read });
    // Another user's request that needs no upstream answer comes back long before the timeout.
    const other = await stack.call(auditor, 'GET', '/api/activity?limit=5');
    expect(other.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(timeoutMs);

    const res = await slow;
    const err = expectBffError(res, 504, 'upstream_timeout');
    expect(err.error.upstream).toMatchObject({ service: 'insight', code: 'timeout' });
    expect(await stack.activityOf(res.requestId)).toEqual([
      { operation: 'permissions.save', outcome: 'failure', error_code: 'timeout' },
    ]);

    // The save never reached the upstream: the switch read times out first, so nothing changed.
    await new Promise((r) => setTimeout(r, timeoutMs * 3));
    stack.emulator.setFaults({ latencyMs: 0 });
    expect(await readSwitches()).toEqual(before);
  });

  it('answers an export that times out with 504 and a failed entry', async () => {
    stack.emulator.setFaults({ latencyMs: timeoutMs * 3 });
    const res = await exportPackage();
    expectBffError(res, 504, 'upstream_timeout');
    expect(await stack.activityOf(res.requestId)).toEqual([
      { operation: 'resource_package.export', outcome: 'failure', error_code: 'timeout' },
    ]);
    await new Promise((r) => setTimeout(r, timeoutMs * 3));
  });
});

describe('a 5xx storm', () => {
  it('answers 502 with the upstream code and request id; sessions and the log stay served', async () => {
    stack.emulator.setFaults({ errorRate: 1 });
    for (let i = 0; i < 10; i++) {
      const res = await save({ read: i % 2 === 0 });
      const err = expectBffError(res, 502, 'upstream_error');
      expect([500, 503]).toContain(err.error.upstream?.status);
      expect(err.error.upstream?.request_id).toEqual(expect.any(String));
      expect(await stack.activityOf(res.requestId)).toEqual([
        { operation: 'permissions.save', outcome: 'failure', error_code: expect.any(String) },
      ]);
    }
    const exp = await exportPackage();
    expectBffError(exp, 502, 'upstream_error');
    expect(await stack.activityOf(exp.requestId)).toMatchObject([
      { operation: 'resource_package.export', outcome: 'failure' },
    ]);
    expect((await stack.call(auditor, 'GET', '/api/session')).status).toBe(200);
    expect((await stack.call(auditor, 'GET', '/api/activity?limit=5')).status).toBe(200);

    stack.emulator.setFaults({ errorRate: 0 });
    expect((await save({ read: true })).status).toBe(200);
  });
});

describe('a 429 storm', () => {
  it('relays 429 with the upstream detail and records a failure, then recovers', async () => {
    stack.emulator.setFaults({ throttleRate: 1 });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => stack.call(operator, 'GET', `/api/insight/permissions?${ref()}`)),
    );
    for (const res of results) {
      const err = expectBffError(res, 429, 'upstream_error');
      expect(err.error.upstream).toMatchObject({ status: 429, service: 'insight' });
    }
    const saved = await save({ export: true });
    expectBffError(saved, 429, 'upstream_error');
    expect(await stack.activityOf(saved.requestId)).toMatchObject([
      { operation: 'permissions.save', outcome: 'failure' },
    ]);
    expect((await stack.call(auditor, 'GET', '/api/activity?limit=1')).status).toBe(200);
    stack.emulator.setFaults({ throttleRate: 0 });
    expect((await save({ export: true })).status).toBe(200);
  });
});
