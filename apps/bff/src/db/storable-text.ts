/**
 * PostgreSQL's `text` and `jsonb` cannot hold U+0000, which a hostile name, or text from an
 * upstream, may carry. Such text is stored with U+FFFD in its place, so the write lands (and
 * the request is answered) instead of failing; U+FFFD shows the reader that a character was
 * replaced. Input from the browser never gets here with a NUL: `validate()` refuses it.
 *
 * Both database adapters pass every text parameter through `storableParams`, so no caller has
 * to. A `jsonb` parameter is JSON text, where `JSON.stringify` has written the NUL as the escape
 * `\u0000`: its caller builds it with `storableJson`.
 */
export const storable = (text: string): string => text.replaceAll('\u0000', '\uFFFD');

/** A query's parameters as PostgreSQL can take them (see above). */
export const storableParams = (params: readonly unknown[]): unknown[] =>
  params.map((p) => (typeof p === 'string' ? storable(p) : p));

// `JSON.stringify` writes U+0000 as the escape `\u0000`; one after an even run of backslashes
// (none included) is that escape, not a string's own backslash followed by "u0000".
const nulEscape = /(?<!\\)((?:\\\\)*)\\u0000/g;

/** `JSON.stringify` for a `jsonb` parameter; null for no value. */
export function storableJson(value: object): string;
export function storableJson(value: unknown): string | null;
export function storableJson(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const json = JSON.stringify(value);
  return json.includes('\\u0000') ? json.replace(nulEscape, '$1\\ufffd') : json;
}
