import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackCertificatePath, startRawUpstream, type RawUpstream } from '../testing/raw-upstream';
import { upstreamOutcome } from '../testing/upstream-outcome';
import tls from 'node:tls';
import { trustedUpstreamContext, upstreamCertificateAuthorities } from './trusted-certificates';
import { UpstreamError } from './upstream-error';
import { sendUpstream } from './upstream-request';

const pem = readFileSync(loopbackCertificatePath, 'utf8');

describe('an https upstream whose certificate comes from a private CA', () => {
  let up: RawUpstream;
  beforeAll(async () => {
    up = await startRawUpstream({ https: true });
    up.answer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
  });
  afterAll(() => up.close());

  const get = (secureContext?: ReturnType<typeof trustedUpstreamContext>) =>
    upstreamOutcome(
      sendUpstream({
        service: 'insight',
        base: up.url,
        method: 'GET',
        path: '/v1/p/anything',
        headers: {},
        timeoutMs: 5_000,
        secureContext,
      }),
    );

  it('is refused while its CA is not trusted: certificates are verified', async () => {
    const outcome = await get();
    expect(outcome).toBeInstanceOf(UpstreamError);
    expect(outcome).toMatchObject({ kind: 'unreachable', status: 502, code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });

  it('is reached once the CA is trusted', async () => {
    expect(await get(trustedUpstreamContext(pem))).toBe(200);
    // A bundle of several certificates, as a file of a private PKI holds, works the same.
    expect(await get(trustedUpstreamContext(`${pem}\n${pem}`))).toBe(200);
  });
});

describe('the CAs trusted', () => {
  it('are Node’s own roots and the file’s certificates', () => {
    const cas = upstreamCertificateAuthorities(`${pem}\n${pem}`);
    expect(cas.slice(0, tls.rootCertificates.length)).toEqual(tls.rootCertificates);
    expect(cas.slice(tls.rootCertificates.length).map((c) => c.trim())).toEqual([pem.trim(), pem.trim()]);
  });

  it('refuse text holding no certificate, and a certificate that does not parse', () => {
    expect(() => upstreamCertificateAuthorities('not a certificate')).toThrow(/holds no PEM certificate/);
    const broken = pem.replace(/(-----BEGIN CERTIFICATE-----\n)[A-Za-z0-9+/]{8}/, '$1AAAAAAAA');
    expect(() => upstreamCertificateAuthorities(`${pem}\n${broken}`)).toThrow(/certificate 2 of 2 does not parse/);
  });
});
