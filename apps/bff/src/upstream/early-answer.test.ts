import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loopbackCertificatePath, startRawUpstream, type RawHandler } from '../testing/raw-upstream';
import { upstreamOutcome } from '../testing/upstream-outcome';
import { trustedUpstreamContext } from './trusted-certificates';
import { sendUpstream } from './upstream-request';
import { UpstreamError } from './upstream-error';

// The https upstream's certificate is self-signed: trusted as an operator's UPSTREAM_CA_FILE would.
const secureContext = trustedUpstreamContext(readFileSync(loopbackCertificatePath, 'utf8'));

async function serve(scheme: 'http' | 'https', handler: RawHandler) {
  const up = await startRawUpstream({ https: scheme === 'https' });
  up.answer(handler);
  return up;
}

/** 64 MiB of upload, made as it is read. */
function upload(): Readable {
  let left = 1024;
  return new Readable({
    read() {
      this.push(left-- > 0 ? Buffer.alloc(64 * 1024) : null);
    },
  });
}

const send = (base: string) =>
  upstreamOutcome(
    sendUpstream({
      service: 'roma',
      base,
      method: 'POST',
      path: '/v2/p/instances/i/assets/import',
      headers: { 'content-type': 'application/zip' },
      body: upload(),
      timeoutMs: 10_000,
      secureContext,
    }),
  );

describe.each(['http', 'https'] as const)('an upload over %s', (scheme) => {
  it('gets the upstream refusal that came before the upstream took the body and reset the connection', async () => {
    const up = await serve(scheme, (req, res) => {
      res.writeHead(413, { 'content-type': 'application/json', 'x-request-id': 'gw-413', connection: 'close' });
      res.end(JSON.stringify({ error_code: 'APIG.0201', error_msg: 'Request entity too large' }), () =>
        req.socket.destroy(),
      );
    });
    try {
      for (let i = 0; i < 5; i++) {
        const outcome = await send(up.url);
        expect(outcome).toBeInstanceOf(UpstreamError);
        expect(outcome).toMatchObject({
          status: 413,
          code: 'APIG.0201',
          message: 'Request entity too large',
          request_id: 'gw-413',
        });
      }
    } finally {
      await up.close();
    }
  });

  it('fails as unreachable, at once, when the upstream resets the connection with no answer', async () => {
    const up = await serve(scheme, (req) => void setTimeout(() => req.socket.destroy(), 20));
    try {
      const started = Date.now();
      const outcome = await send(up.url);
      expect(outcome).toBeInstanceOf(UpstreamError);
      expect(outcome).toMatchObject({ kind: 'unreachable', status: 502 });
      expect((outcome as UpstreamError).code).toMatch(/^(ECONNRESET|EPIPE)$/);
      // Not the 10 s timeout: at most the second given to an answer already on its way.
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await up.close();
    }
  });
});
