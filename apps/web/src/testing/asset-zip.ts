import { strToU8, zipSync } from 'fflate';

/** A ROMA asset package as the browser would receive it from disk. */
export function assetPackageFile(
  name: string,
  opts: { applications?: number; tasks?: number; manifest?: unknown } = {},
): File {
  const manifest = opts.manifest ?? {
    asset_version: '2.1',
    applications: Array.from({ length: opts.applications ?? 2 }, (_, i) => ({ name: `app-${i + 1}` })),
    tasks: Array.from({ length: opts.tasks ?? 3 }, (_, i) => ({ name: `task-${i + 1}` })),
  };
  const bytes = zipSync({ 'manifest.json': strToU8(JSON.stringify(manifest)), 'apps/app-1.json': strToU8('{}') });
  return new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'application/zip' });
}
