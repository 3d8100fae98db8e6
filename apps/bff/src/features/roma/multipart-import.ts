import { randomBytes } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import type { Request } from 'express';
import busboy from 'busboy';
import { assetPackageFileNamePattern, importAssetFileField } from '@portico/api-types';
import { HttpError } from '../../http/http-error';
import { ZipGuard } from './zip-guard';

/** What file systems (and so ROMA's own storage) accept as one name. */
const maxFileNameLength = 255;

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
 * Nothing is buffered beyond stream chunks; nothing is written to disk. A browser that sends
 * nothing for `idleMs` while the BFF is ready for its bytes fails the upload (408).
 */
export function readAssetPackage(req: Request, maxBytes: number, idleMs: number): Promise<IncomingAssetPackage> {
  const type = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(type)) {
    return Promise.reject(
      new HttpError(
        415,
        'unsupported_media_type',
        'content-type: send the package as multipart/form-data',
        'content-type',
      ),
    );
  }
  const declared = Number(req.headers['content-length']);
  // Multipart framing adds a few hundred bytes; anything declared far beyond the limit is refused unread.
  if (Number.isFinite(declared) && declared > maxBytes + 64 * 1024) {
    return Promise.reject(
      new HttpError(
        413,
        'payload_too_large',
        `${importAssetFileField}: the file exceeds ${maxBytes} bytes`,
        importAssetFileField,
      ),
    );
  }

  const field = importAssetFileField;
  const refuse = (why: string) => new HttpError(400, 'validation_failed', `${field}: ${why}`, field);
  return new Promise((resolve, reject) => {
    let failed: (e: Error) => void = () => undefined;
    const failure = new Promise<never>((_r, rej) => {
      failed = rej;
    });
    failure.catch(() => undefined);
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        limits: { files: 1, fields: 20, parts: 25, fieldSize: 4096 },
        // The name as sent (`../x.zip` included) is checked, not busboy's basename of it.
        preservePath: true,
      });
    } catch {
      reject(refuse('malformed multipart body (no boundary?)'));
      return;
    }
    let gotFile = false;
    let stopped = false;
    /** The body sent upstream, once the file proved a ZIP; completed only when the whole form was read. */
    let outgoing: PassThrough | undefined;
    let fileDone = false;
    let formDone = false;
    let epilogue = '';
    const finish = () => {
      if (outgoing && fileDone && formDone && !stopped) outgoing.end(epilogue);
    };
    const stop = (e: Error) => {
      if (stopped) return;
      stopped = true;
      failed(e);
      reject(e);
      // An upload refused after it started upstream is cut there too: ROMA never sees a whole body.
      outgoing?.destroy(e);
      req.unpipe(bb);
      req.resume();
    };

    bb.on('file', (name, file, info) => {
      // busboy destroys a file stream cut short ("Unexpected end of form"): unheard, that error would crash the process.
      file.on('error', () => stop(refuse('malformed multipart body')));
      if (name !== field) {
        file.resume();
        return;
      }
      gotFile = true;
      const fileName = info.filename ?? '';
      if (fileName.length > maxFileNameLength || !assetPackageFileNamePattern.test(fileName)) {
        file.resume();
        stop(
          refuse(
            `a .zip name of at most ${maxFileNameLength} characters, starting with a letter or digit, using only + - _`,
          ),
        );
        return;
      }
      const guard = new ZipGuard(maxBytes);
      guard.on('error', stop);
      file.pipe(guard);
      guard.ready.then(
        () => {
          if (stopped) return;
          const boundary = `----portico${randomBytes(12).toString('hex')}`;
          const body = new PassThrough();
          outgoing = body;
          epilogue = `\r\n--${boundary}--\r\n`;
          body.write(
            `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\n` +
              'Content-Type: application/zip\r\n\r\n',
          );
          guard.pipe(body, { end: false });
          guard.on('end', () => {
            fileDone = true;
            finish();
          });
          resolve({ fileName, body, contentType: `multipart/form-data; boundary=${boundary}`, failure });
        },
        () => undefined,
      );
    });
    // busboy skips parts past its limits silently: a second file or a flood of parts is refused.
    bb.on('filesLimit', () => stop(refuse('send exactly one file')));
    bb.on('partsLimit', () => stop(refuse('too many parts in the form')));
    bb.on('fieldsLimit', () => stop(refuse('too many fields in the form')));
    bb.on('error', () => stop(refuse('malformed multipart body')));
    bb.on('close', () => {
      if (!gotFile) return stop(refuse('no file'));
      formDone = true;
      finish();
    });
    req.on('aborted', () => stop(new HttpError(499, 'internal', 'The browser cancelled the upload')));
    req.pipe(bb);
    const unwatch = watchBrowserSilence(req, bb, idleMs, () =>
      stop(
        new HttpError(408, 'upload_stalled', `${field}: the browser sent nothing for ${idleMs} ms mid-upload`, field),
      ),
    );
    bb.once('close', unwatch);
    failure.catch(unwatch);
  });
}

/**
 * Calls `onSilent` when the browser's body has been silent for `idleMs` while the BFF was ready
 * to read it. Time the BFF holds the browser back never counts: the body paused by `pipe` (busboy
 * full, because ROMA takes the package slower than the browser sends it) restarts the count when
 * busboy drains. Checked when the timer fires rather than on every transition, since `pipe`
 * resumes a drained source without a 'resume' event. Answers the function that stops watching.
 */
function watchBrowserSilence(req: Readable, parser: NodeJS.WritableStream, idleMs: number, onSilent: () => void) {
  let heard = Date.now();
  const onHeard = () => {
    heard = Date.now();
  };
  const check = () => {
    // Held back by the BFF: whatever silence there is, it is the BFF's.
    if (req.readableFlowing === false) {
      heard = Date.now();
      timer = setTimeout(check, idleMs);
      return;
    }
    const quiet = Date.now() - heard;
    if (quiet >= idleMs) return onSilent();
    timer = setTimeout(check, idleMs - quiet);
  };
  let timer = setTimeout(check, idleMs);
  req.on('data', onHeard);
  parser.on('drain', onHeard);
  req.once('end', stop);
  req.once('close', stop);
  function stop() {
    clearTimeout(timer);
    req.off('data', onHeard);
    parser.off('drain', onHeard);
    req.off('end', stop);
    req.off('close', stop);
  }
  return stop;
}
