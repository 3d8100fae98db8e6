import fc from 'fast-check';

/** Strings that have broken parsers, paths and logs before. */
export const nastyStrings = [
  '',
  ' ',
  '../../etc/passwd',
  '..%2F..%2Fetc',
  '%2e%2e%2f',
  '//evil.example/x',
  'http://evil.example/',
  '\r\nSet-Cookie: x=1',
  '\u0000',
  '\uFEFF',
  '\uD800',
  '%',
  '%E0%A4%A',
  '__proto__',
  'constructor',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  'a'.repeat(1000),
  '🙂'.repeat(50),
  'NaN',
  '-1',
  '1e309',
  '99999999999999999999',
  'true',
  'null',
  '[]',
  '{}',
];

/** `encodeURIComponent` that survives lone surrogates (sent as U+FFFD, as a browser would). */
export function encode(s: string): string {
  return encodeURIComponent(s.replace(/[\uD800-\uDFFF]/gu, '\uFFFD'));
}

export const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...nastyStrings),
);

/** Printable ASCII only: what an HTTP client can put in a header value at all. */
export const headerValue = fc
  .oneof(fc.string({ maxLength: 60 }), fc.constantFrom(...nastyStrings))
  .map((s) => s.replace(/[^\x20-\x7e]/g, ''));

/** Any JSON value, biased to the shapes the contract expects but wrong. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  hostileString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, [], {}, -1, 2 ** 53, 1e308),
);

/** A path-segment value as sent on the wire: encoded hostile text, or raw malformed encodings. */
export const hostileSegment = fc.oneof(
  hostileString.map(encode),
  fc.constantFrom('..', '%2e%2e', '..%2F..%2F', '%2F%2Fevil.example', '%', '%zz', '%E0%A4%A', '%00', 'a'.repeat(2000)),
);
