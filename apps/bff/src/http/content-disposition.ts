/** The file name an upstream `Content-Disposition` carries (`filename*=` preferred), if any. */
export function fileNameFrom(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header);
  return (plain?.[2] ?? plain?.[1])?.trim();
}

/**
 * A name safe in any browser and file system: no path, no control or quote characters,
 * no leading dots, at most 128 characters; `fallback` when nothing is left.
 */
export function sanitiseFileName(name: string | undefined, fallback: string): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .replace(/[^\p{L}\p{N} ._+()-]/gu, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 128);
  return cleaned || fallback;
}

/** `attachment` with an ASCII `filename` and the exact name in `filename*`. */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
