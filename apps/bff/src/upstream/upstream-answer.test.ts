import type { Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { UpstreamAnswer } from './upstream-answer';

/** A dispatch controller that records what the answer asked of the request. */
function recordingController() {
  const calls: string[] = [];
  let paused = false;
  const controller: Dispatcher.DispatchController = {
    get aborted() {
      return calls.some((c) => c.startsWith('abort'));
    },
    get paused() {
      return paused;
    },
    get reason() {
      return null;
    },
    abort(reason: Error) {
      calls.push(`abort: ${reason.message}`);
    },
    pause() {
      paused = true;
      calls.push('pause');
    },
    resume() {
      if (paused) calls.push('resume');
      paused = false;
    },
  };
  return { controller, calls };
}

const chunk = (size: number) => Buffer.alloc(size, 1);

describe('UpstreamAnswer', () => {
  it('pauses the request while its buffer is full and resumes it once read', async () => {
    const { controller, calls } = recordingController();
    const answer = new UpstreamAnswer(controller, 200, { 'content-type': 'application/zip' });
    answer.receive(chunk(32 * 1024));
    expect(calls).toEqual([]);
    answer.receive(chunk(32 * 1024));
    expect(calls).toEqual(['pause']);
    const read: Buffer[] = [];
    answer.on('data', (c: Buffer) => read.push(c));
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual(['pause', 'resume']);
    expect(Buffer.concat(read).length).toBe(64 * 1024);
  });

  it('keeps the status and the headers as received', () => {
    const { controller } = recordingController();
    const answer = new UpstreamAnswer(controller, 201, { 'x-request-id': 'up-1', 'set-cookie': ['a=1', 'b=2'] });
    expect(answer.statusCode).toBe(201);
    expect(answer.headers).toEqual({ 'x-request-id': 'up-1', 'set-cookie': ['a=1', 'b=2'] });
  });

  it('aborts the request when dropped before its end, and not after', async () => {
    const cut = recordingController();
    const partial = new UpstreamAnswer(cut.controller, 200, {});
    partial.receive(chunk(10));
    partial.destroy();
    expect(cut.calls).toEqual(['abort: the answer was dropped before its end']);

    const whole = recordingController();
    const complete = new UpstreamAnswer(whole.controller, 200, {});
    complete.receive(chunk(10));
    complete.end();
    complete.destroy();
    await new Promise((r) => setImmediate(r));
    expect(whole.calls).toEqual([]);
  });

  it('passes the reason it was destroyed with to the request', () => {
    const { controller, calls } = recordingController();
    const answer = new UpstreamAnswer(controller, 200, {});
    answer.on('error', () => undefined);
    answer.destroy(new Error('stalled'));
    expect(calls).toEqual(['abort: stalled']);
  });
});
