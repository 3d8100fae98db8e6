/**
 * `attachment; filename="…"` with an ASCII-safe fallback, plus RFC 5987 `filename*` when the
 * name has characters the plain parameter cannot carry.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii =
    fileName
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/["\\/:*?<>|;]/g, '_')
      .trim() || 'download';
  const needsExtended = ascii !== fileName;
  const extended = `; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
  return `attachment; filename="${ascii}"${needsExtended ? extended : ''}`;
}
