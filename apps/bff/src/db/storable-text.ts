/**
 * PostgreSQL's `text` and `jsonb` cannot hold U+0000, which a hostile name, or text from an
 * upstream, may carry. Such text is stored with U+FFFD in its place, so the write lands (and
 * the request is answered) instead of failing; U+FFFD shows the reader that a character was
 * replaced. Input from the browser never gets here with a NUL: `validate()` refuses it.
 */
export const storable = (text: string): string => text.replaceAll('\u0000', '\uFFFD');

export const storableText = (text: string | null | undefined): string | null =>
  text === null || text === undefined ? null : storable(text);

// `JSON.stringify` writes U+0000 as the escape `\u0000`; one after an even run of backslashes
// (none included) is that escape, not a string's own backslash followed by "u0000".
const nulEscape = /(?<!\\)((?:\\\\)*)\\u0000/g;

/** `JSON.stringify` for a `jsonb` parameter; null for no value. */
export function storableJson(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const json = JSON.stringify(value);
  return json.includes('\\u0000') ? json.replace(nulEscape, '$1\\ufffd') : json;
}
