import { Transform, type TransformCallback } from 'node:stream';
import { importAssetFileField } from '@portico/api-types';
import { HttpError } from '../../http/http-error';

const zipMagic = [0x50, 0x4b, 0x03, 0x04];
const field = importAssetFileField;

/**
 * Passes a file through while checking it: the first four bytes must be a ZIP local-file
 * header (else 415), and the total must stay within `maxBytes` (else 413). `ready` resolves
 * once the magic bytes have been seen, so the upstream request starts only for a real ZIP.
 */
export class ZipGuard extends Transform {
  private seen = 0;
  private head = Buffer.alloc(0);
  private resolveReady!: () => void;
  private rejectReady!: (e: Error) => void;
  readonly ready: Promise<void>;

  constructor(private readonly maxBytes: number) {
    super();
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.ready.catch(() => undefined);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.maxBytes)
      return cb(
        this.fail(new HttpError(413, 'payload_too_large', `${field}: the file exceeds ${this.maxBytes} bytes`, field)),
      );
    if (this.head.length < zipMagic.length) {
      this.head = Buffer.concat([this.head, chunk]);
      if (this.head.length < zipMagic.length) return cb();
      if (!zipMagic.every((b, i) => this.head[i] === b)) {
        return cb(
          this.fail(new HttpError(415, 'unsupported_media_type', `${field}: the file is not a ZIP archive`, field)),
        );
      }
      this.resolveReady();
      const out = this.head;
      this.head = Buffer.from(zipMagic);
      return cb(null, out);
    }
    cb(null, chunk);
  }

  override _flush(cb: TransformCallback): void {
    if (this.head.length < zipMagic.length) {
      return cb(
        this.fail(new HttpError(415, 'unsupported_media_type', `${field}: the file is not a ZIP archive`, field)),
      );
    }
    cb();
  }

  private fail(e: HttpError): HttpError {
    this.rejectReady(e);
    return e;
  }
}
