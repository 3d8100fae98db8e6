import type { AuditEvent } from '@portico/api-types';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeBff } from '../../../testing/fake-bff';
import { startAudit } from './start-audit';

afterEach(() => vi.unstubAllGlobals());

/** An NDJSON body split at awkward places, as a network delivers it. */
function chunked(text: string, size: number): Response {
  const bytes = new TextEncoder().encode(text);
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      for (let i = 0; i < bytes.length; i += size) c.enqueue(bytes.slice(i, i + size));
      c.close();
    },
  });
  return new Response(stream, { status: 200, headers: { 'content-type': 'application/x-ndjson' } });
}

describe('startAudit', () => {
  it('hands on each event whole even when lines arrive split across chunks', async () => {
    const fake = installFakeBff({ roles: ['admin'] });
    const lines = [
      { type: 'started', audit_id: 'a1', total: 1 },
      { type: 'progress', done: 1, total: 1 },
      { type: 'cancelled', audit_id: 'a1' },
    ];
    fake.override('POST', '/api/audits', () => chunked(lines.map((l) => JSON.stringify(l)).join('\n'), 7));
    const seen: AuditEvent[] = [];
    await startAudit({ workspace_id: 'ws', extra_resources: [] }, (e) => seen.push(e));
    expect(seen.map((e) => e.type)).toEqual(['started', 'progress', 'cancelled']);
  });

  it('rejects a line that is not a contract event', async () => {
    const fake = installFakeBff({ roles: ['admin'] });
    fake.override('POST', '/api/audits', () => chunked('{"type":"bogus"}\n', 100));
    await expect(startAudit({ workspace_id: 'ws', extra_resources: [] }, () => undefined)).rejects.toMatchObject({
      code: 'unexpected_response',
    });
  });
});
