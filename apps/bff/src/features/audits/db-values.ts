/** PGlite and pg both hand back `timestamptz` as Date; the contract speaks ISO strings. */
export function isoOf(v: unknown): string {
  return (v instanceof Date ? v : new Date(String(v))).toISOString();
}

/** `jsonb` arrives parsed from both drivers; a string would mean a text column slipped in. */
export function jsonOf<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}
