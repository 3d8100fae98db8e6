import { strToU8, zipSync } from 'fflate';
import type { AssetManifest } from '@portico/api-types/upstream';
import { assetManifestFileName } from '@portico/api-types/upstream';

export interface AssetPackageInput extends AssetManifest {
  /** More entries beside the manifest (path → content). */
  extraFiles?: Record<string, Uint8Array | string>;
}

/** An asset-package ZIP as ROMA's import (and the emulator) reads it, for tests and e2e. */
export function buildAssetPackage({ extraFiles = {}, ...manifest }: AssetPackageInput): Uint8Array {
  const files: Record<string, Uint8Array> = { [assetManifestFileName]: strToU8(JSON.stringify(manifest)) };
  for (const [path, content] of Object.entries(extraFiles)) {
    files[path] = typeof content === 'string' ? strToU8(content) : content;
  }
  return zipSync(files);
}
