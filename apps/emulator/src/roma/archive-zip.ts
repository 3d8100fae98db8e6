import type { AssetManifest } from '@portico/api-types/upstream';
import { assetManifestFileName } from '@portico/api-types/upstream';
import { paddingChunks } from '../common/stream-file';
import type { ZipEntrySource } from '../common/zip-stream';
import { jsonEntry, zipChunks } from '../common/zip-stream';
import type { RomaArchive } from './state';

/** The manifest the import reads back, so an exported archive can be re-imported. */
export function archiveManifest(archive: RomaArchive): AssetManifest {
  return {
    asset_version: '1.0',
    applications: archive.applications.map((a) => ({ id: a.id, name: a.name, description: a.description })),
    tasks: archive.tasks.map((t) => ({
      id: t.id,
      name: t.name,
      application: t.application,
      datasources: t.datasources,
    })),
  };
}

function* entries(archive: RomaArchive, padToBytes: number | null): Generator<ZipEntrySource> {
  yield jsonEntry(assetManifestFileName, archiveManifest(archive));
  for (const app of archive.applications) yield jsonEntry(`applications/${app.id}.json`, app);
  for (const task of archive.tasks) yield jsonEntry(`tasks/${task.id}.json`, task);
  // Stored, so the archive reaches about the asked size; generated block by block.
  if (padToBytes !== null) yield { name: 'padding.bin', data: paddingChunks(padToBytes, 0), compress: false };
}

/** The archive as ZIP chunks, made as they are read (fflate `Zip` through the core's helper). */
export function archiveZipChunks(archive: RomaArchive, padToBytes: number | null): AsyncGenerator<Uint8Array> {
  return zipChunks(entries(archive, padToBytes));
}
