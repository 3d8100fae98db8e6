import { X509Certificate } from 'node:crypto';
import tls, { type SecureContext } from 'node:tls';

const pemCertificate = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;

/**
 * The CAs an https upstream's certificate may chain to when the upstreams' certificates come from
 * a private CA: Node's own roots plus the certificates of `pem` (one or more, PEM). A text holding
 * no certificate, or one that does not parse, is refused with the reason.
 */
export function upstreamCertificateAuthorities(pem: string): string[] {
  const certificates = pem.match(pemCertificate) ?? [];
  if (certificates.length === 0) throw new Error('holds no PEM certificate (-----BEGIN CERTIFICATE-----)');
  certificates.forEach((c, i) => {
    try {
      new X509Certificate(c);
    } catch (e) {
      throw new Error(`certificate ${i + 1} of ${certificates.length} does not parse: ${(e as Error).message}`, {
        cause: e,
      });
    }
  });
  return [...tls.rootCertificates, ...certificates];
}

/** The TLS context of every https upstream call, built once at start (see above). */
export function trustedUpstreamContext(pem: string): SecureContext {
  return tls.createSecureContext({ ca: upstreamCertificateAuthorities(pem) });
}
