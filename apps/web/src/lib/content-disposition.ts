/** The filename a `Content-Disposition` header names; `filename*=UTF-8''…` wins over `filename=`. */
export function filenameFromContentDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star?.[2]) {
    try {
      return sanitise(decodeURIComponent(star[2].trim().replace(/^"|"$/g, '')), fallback);
    } catch {
      // A malformed escape falls through to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  const value = plain?.[2] ?? plain?.[1];
  return value ? sanitise(value.trim(), fallback) : fallback;
}

// Never let a server-sent name carry a path.
function sanitise(name: string, fallback: string): string {
  const base = name.split(/[/\\]/).pop()?.trim() ?? '';
  return base.length > 0 ? base : fallback;
}
