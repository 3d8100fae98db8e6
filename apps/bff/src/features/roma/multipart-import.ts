import { randomBytes } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import type { Request } from 'express';
import busboy from 'busboy';
import { assetPackageFileNamePattern, importAssetFileField } from '@portico/api-types';
import { HttpError } from '../../http/http-error';
import { ZipGuard } from './zip-guard';

export interface IncomingAssetPackage {
  fileName: string;
  /** A fresh multipart body holding only the package, to stream upstream. */
  body: Readable;
  contentType: string;
  /** Rejects with the first HttpError (413, 415, 400) met while the body streams. */
  failure: Promise<never>;
}

/**
 * Reads the browser's multipart body as a stream and resolves, once the file's first bytes
 * prove it a ZIP, with a new multipart body (field `ImportAssetRequestBody`) to send upstream.
 * Nothing is buffered beyond stream chunks; nothing is written to disk.
 */
export function readAssetPackage(req: Request, maxBytes: number): Promise<IncomingAssetPackage> {
  const type = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(type)) {
    return Promise.reject(new HttpError(415, 'unsupported_media_type', 'Send the package as multipart/form-data'));
  }
  const declared = Number(req.headers['content-length']);
  // Multipart framing adds a few hundred bytes; anything declared far beyond the limit is refused unread.
  if (Number.isFinite(declared) && declared > maxBytes + 64 * 1024) {
    return Promise.reject(new HttpError(413, 'payload_too_large', `The file exceeds ${maxBytes} bytes`));
  }

  return new Promise((resolve, reject) => {
    let failed: (e: Error) => void = () => undefined;
    const failure = new Promise<never>((_r, rej) => {
      failed = rej;
    });
    failure.catch(() => undefined);
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { files: 1, fields: 20, parts: 25, fieldSize: 4096 } });
    } catch {
      reject(new HttpError(400, 'validation_failed', 'Malformed multipart body', importAssetFileField));
      return;
    }
    let gotFile = false;
    const stop = (e: Error) => {
      failed(e);
      reject(e);
      req.unpipe(bb);
      req.resume();
    };

    bb.on('file', (name, file, info) => {
      if (name !== importAssetFileField || gotFile) {
        file.resume();
        return;
      }
      gotFile = true;
      const fileName = info.filename ?? '';
      if (!assetPackageFileNamePattern.test(fileName)) {
        file.resume();
        stop(
          new HttpError(
            400,
            'validation_failed',
            `${importAssetFileField}: a .zip name starting with a letter or digit, using only + - _`,
            importAssetFileField,
          ),
        );
        return;
      }
      const guard = new ZipGuard(maxBytes);
      guard.on('error', stop);
      file.pipe(guard);
      guard.ready.then(() => {
        const boundary = `----portico${randomBytes(12).toString('hex')}`;
        const body = new PassThrough();
        body.write(
          `--${boundary}\r\nContent-Disposition: form-data; name="${importAssetFileField}"; filename="${fileName}"\r\n` +
            'Content-Type: application/zip\r\n\r\n',
        );
        guard.pipe(body, { end: false });
        guard.on('end', () => body.end(`\r\n--${boundary}--\r\n`));
        guard.on('error', (e) => body.destroy(e));
        resolve({ fileName, body, contentType: `multipart/form-data; boundary=${boundary}`, failure });
      }, () => undefined);
    });
    bb.on('error', () => stop(new HttpError(400, 'validation_failed', 'Malformed multipart body', importAssetFileField)));
    bb.on('close', () => {
      if (!gotFile) stop(new HttpError(400, 'validation_failed', `${importAssetFileField}: no file`, importAssetFileField));
    });
    req.on('aborted', () => stop(new HttpError(499, 'internal', 'The browser cancelled the upload')));
    req.pipe(bb);
  });
}
