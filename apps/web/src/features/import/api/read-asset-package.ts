import {
  assetManifestFileName,
  assetManifestSchema,
  assetPackageFileNamePattern,
  maxAssetsPerPackage,
  type AssetManifest,
} from '@portico/api-types';
import { unzip } from 'fflate';

export type PackageRejectionReason = 'extension' | 'name' | 'content' | 'manifest';

/** Why a file cannot be an asset package, found before anything is uploaded. */
export class PackageRejection extends Error {
  constructor(readonly reason: PackageRejectionReason) {
    super(reason);
    this.name = 'PackageRejection';
  }
}

export interface AssetPackagePreview {
  manifest: AssetManifest;
  /** Applications plus tasks: what the upstream limit counts. */
  count: number;
  overLimit: boolean;
}

const zipMagic = [0x50, 0x4b, 0x03, 0x04];

async function readBytes(file: Blob): Promise<Uint8Array> {
  // Blob.arrayBuffer is missing from some test DOMs; FileReader is everywhere.
  if (typeof file.arrayBuffer === 'function') return new Uint8Array(await file.arrayBuffer());
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsArrayBuffer(file);
  });
}

/** Opens the ZIP in the browser and reads its manifest, the same checks ROMA would make later. */
export async function readAssetPackage(file: File): Promise<AssetPackagePreview> {
  if (!file.name.toLowerCase().endsWith('.zip')) throw new PackageRejection('extension');
  if (!assetPackageFileNamePattern.test(file.name)) throw new PackageRejection('name');
  const bytes = await readBytes(file);
  if (!zipMagic.every((b, i) => bytes[i] === b)) throw new PackageRejection('content');
  const files = await new Promise<Record<string, Uint8Array>>((resolve, reject) =>
    unzip(bytes, { filter: (f) => f.name === assetManifestFileName }, (err, out) =>
      err ? reject(new PackageRejection('content')) : resolve(out),
    ),
  );
  const raw = files[assetManifestFileName];
  if (!raw) throw new PackageRejection('manifest');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    throw new PackageRejection('manifest');
  }
  const parsed = assetManifestSchema.safeParse(json);
  if (!parsed.success) throw new PackageRejection('manifest');
  const count = parsed.data.applications.length + parsed.data.tasks.length;
  return { manifest: parsed.data, count, overLimit: count > maxAssetsPerPackage };
}
