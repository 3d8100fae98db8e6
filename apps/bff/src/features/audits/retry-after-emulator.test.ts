import { demo, startEmulator, type RunningEmulator } from '@portico/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorUpstream } from '../../embedded-emulator';
import { emulatorToken } from '../../testing/emulator-token';
import { UpstreamError } from '../../upstream/upstream-error';
import { createInsightClient } from '../../upstream/insight-client';
import type { Clock } from './clock';
import { withRetry } from './retry';

/**
 * The emulator's throttle fault answers 429 with `Retry-After: 1`: the client must carry it as
 * `retryAfterMs` and the engine's retry must wait it out (plus jitter) instead of its own backoff.
 */
describe('Retry-After through the emulator', () => {
  let emu: RunningEmulator;
  let token: string;
  let resourceId: string;
  const client = () => createInsightClient(emulatorUpstream(emu.url, 5_000));

  beforeAll(async () => {
    emu = await startEmulator({ seedResources: 5 });
    token = await emulatorToken(emu.url);
    const page = await client().listResources({ token }, demo.insightWorkspaceId, 'dataset', { offset: 0, limit: 1 });
    resourceId = page.items[0]!.id;
  });
  afterAll(async () => {
    await emu?.close();
  });

  const read = () =>
    client().readPermissions({ token }, demo.insightWorkspaceId, { resource_type: 'dataset', resource_id: resourceId });

  it('a throttled read throws an UpstreamError with retryAfterMs 1000', async () => {
    emu.setFaults({ throttleRate: 1 });
    try {
      const error = await read().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(UpstreamError);
      expect(error).toMatchObject({ status: 429, retryAfterMs: 1000 });
    } finally {
      emu.setFaults({ throttleRate: 0 });
    }
  });

  it('the retry waits the Retry-After, not its own shorter backoff, then succeeds', async () => {
    const sleeps: number[] = [];
    // Records the waits and lifts the throttle during the first one, so the second try succeeds.
    const clock: Clock = {
      now: () => Date.now(),
      sleep: async (ms) => {
        sleeps.push(ms);
        emu.setFaults({ throttleRate: 0 });
      },
    };
    emu.setFaults({ throttleRate: 1 });
    try {
      const record = await withRetry(
        read,
        { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 10, maxRetryAfterMs: 30_000 },
        {
          clock,
          random: () => 0.5,
        },
      );
      expect(record.resource_id).toBe(resourceId);
      // 1 000 ms from the header plus half the base delay of jitter; the backoff alone would be 5 ms.
      expect(sleeps).toEqual([1005]);
    } finally {
      emu.setFaults({ throttleRate: 0 });
    }
  });
});
