import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import type { AssetManifest } from '@portico/api-types/upstream';
import { assetPackageFileNamePattern, importAssetFileField, romaErrorCodes } from '@portico/api-types/upstream';
import type { PackageRefusal } from './package-zip-reader';
import { PackageZipReader } from './package-zip-reader';

export type PackageOutcome = { manifest: AssetManifest } | { refusal: PackageRefusal };

const noBody = (details: string): PackageOutcome => ({
  refusal: { code: romaErrorCodes.noRequestBody, message: 'The request body is empty.', details },
});

/**
 * Parses the multipart upload as it streams (busboy → `PackageZipReader`); resolves once the
 * whole request was read, or at the first sign it is not a package (the gateway,
 * `answerAfterRequest`, holds that answer until the upload ended).
 */
export function readAssetPackage(req: IncomingMessage): Promise<PackageOutcome> {
  return new Promise((resolve) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fields: 20, files: 5 } });
    } catch {
      resolve(noBody('The request must be multipart/form-data.'));
      return;
    }
    let outcome: PackageOutcome | undefined;
    let fileDone: Promise<void> = Promise.resolve();
    parser.on('file', (field, stream, info) => {
      if (field !== importAssetFileField || outcome) {
        stream.resume();
        return;
      }
      if (!assetPackageFileNamePattern.test(info.filename ?? '')) {
        outcome = {
          refusal: {
            code: romaErrorCodes.badFileName,
            message: 'Invalid file name.',
            details:
              'Only .zip files whose name starts with a letter or digit and uses no special characters but + - _.',
          },
        };
        stream.resume();
        return;
      }
      const reader = new PackageZipReader();
      stream.on('data', (chunk: Buffer) => reader.push(chunk));
      fileDone = new Promise((done) =>
        stream.once('end', () => {
          outcome = reader.finish();
          done();
        }),
      );
    });
    parser.once('close', () => {
      void fileDone.then(() => resolve(outcome ?? noBody(`No file in field ${importAssetFileField}.`)));
    });
    parser.once('error', () => {
      req.unpipe(parser);
      resolve(noBody('The multipart body is malformed or empty.'));
    });
    // A client that goes away mid-upload never lets the parser finish; settle so nothing waits forever.
    req.once('close', () => {
      if (!req.complete) resolve(noBody('The upload was interrupted.'));
    });
    req.pipe(parser);
  });
}
