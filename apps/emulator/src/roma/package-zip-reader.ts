import type { AssetManifest } from '@portico/api-types/upstream';
import {
  assetManifestFileName,
  assetManifestSchema,
  maxAssetsPerPackage,
  romaErrorCodes,
} from '@portico/api-types/upstream';
import { ZipEntryWalker, ZipWalkError } from './zip-entry-walker';

export interface PackageRefusal {
  code: string;
  message: string;
  details: string;
}

const zipMagic = [0x50, 0x4b, 0x03, 0x04];
const maxManifestBytes = 1024 * 1024;
const corrupt = (details: string): PackageRefusal => ({
  code: romaErrorCodes.decompressionFailed,
  message: 'Decompression failed.',
  details,
});

/**
 * Reads an asset package as it arrives: checks the ZIP signature, inflates every entry chunk
 * by chunk (so a corrupt entry is caught) and keeps only `manifest.json`. Memory stays flat
 * whatever the package size: entry data other than the manifest is dropped as it inflates.
 */
export class PackageZipReader {
  private head = new Uint8Array(0);
  private refusal: PackageRefusal | undefined;
  private manifestParts: Uint8Array[] | undefined;
  private manifestBytes = 0;
  private readonly walker = new ZipEntryWalker((name) => {
    const isManifest = name === assetManifestFileName;
    if (isManifest) this.manifestParts = [];
    return {
      ondata: (data) => {
        if (!isManifest || !this.manifestParts) return;
        this.manifestBytes += data.length;
        if (this.manifestBytes > maxManifestBytes) throw new ZipWalkError('manifest.json is too large.');
        this.manifestParts.push(data.slice());
      },
    };
  });

  private fail(refusal: PackageRefusal): void {
    this.refusal ??= refusal;
  }

  push(chunk: Uint8Array): void {
    if (this.refusal) return;
    if (this.head.length < zipMagic.length) {
      const joined = new Uint8Array(this.head.length + chunk.length);
      joined.set(this.head);
      joined.set(chunk, this.head.length);
      this.head = joined.subarray(0, zipMagic.length);
      if (this.head.length === zipMagic.length && zipMagic.some((b, i) => this.head[i] !== b)) {
        return this.fail(corrupt('The file is not a ZIP archive.'));
      }
    }
    try {
      this.walker.push(chunk);
    } catch (e) {
      this.fail(corrupt(e instanceof ZipWalkError ? e.message : 'The ZIP archive is corrupt.'));
    }
  }

  /** Call once the upload ended: the manifest, or why the package is refused. */
  finish(): { manifest: AssetManifest } | { refusal: PackageRefusal } {
    if (!this.refusal && this.head.length < zipMagic.length) this.fail(corrupt('The file is not a ZIP archive.'));
    if (!this.refusal) {
      try {
        this.walker.finish();
      } catch (e) {
        this.fail(corrupt(e instanceof ZipWalkError ? e.message : 'The ZIP archive is corrupt.'));
      }
    }
    if (this.refusal) return { refusal: this.refusal };
    if (!this.manifestParts) return { refusal: corrupt(`The package has no ${assetManifestFileName}.`) };
    return this.readManifest(Buffer.concat(this.manifestParts).toString('utf8'));
  }

  private readManifest(text: string): { manifest: AssetManifest } | { refusal: PackageRefusal } {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { refusal: corrupt(`${assetManifestFileName} is not valid JSON.`) };
    }
    const parsed = assetManifestSchema.safeParse(json);
    if (!parsed.success) {
      const where = parsed.error.issues[0]?.path.join('.') ?? '';
      return { refusal: corrupt(`${assetManifestFileName} is invalid at "${where}".`) };
    }
    const count = parsed.data.applications.length + parsed.data.tasks.length;
    if (count > maxAssetsPerPackage) {
      return {
        refusal: {
          code: romaErrorCodes.invalidParameters,
          message: 'Invalid parameters.',
          details: `A package holds at most ${maxAssetsPerPackage} applications and tasks; this one holds ${count}.`,
        },
      };
    }
    return { manifest: parsed.data };
  }
}
