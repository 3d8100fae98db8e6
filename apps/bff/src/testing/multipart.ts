import { Readable } from 'node:stream';

export const testBoundary = '----portico-test-boundary';

/** A multipart body with one file part, generated on the fly (`size` bytes after `head`). */
export function multipartFile(opts: { field?: string; fileName?: string; head?: Buffer; size?: number }): Readable {
  const head = opts.head ?? Buffer.from([0x50, 0x4b, 0x03, 0x04]);
  const size = opts.size ?? head.length;
  const preamble = Buffer.from(
    `--${testBoundary}\r\nContent-Disposition: form-data; name="${opts.field ?? 'ImportAssetRequestBody'}"; filename="${opts.fileName ?? 'assets.zip'}"\r\n` +
      'Content-Type: application/zip\r\n\r\n',
  );
  const epilogue = Buffer.from(`\r\n--${testBoundary}--\r\n`);
  const chunk = Buffer.alloc(256 * 1024, 7);
  return Readable.from(
    (function* () {
      yield preamble;
      yield head;
      let left = size - head.length;
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        yield n === chunk.length ? chunk : chunk.subarray(0, n);
        left -= n;
      }
      yield epilogue;
    })(),
  );
}

export const multipartLength = (size: number, field = 'ImportAssetRequestBody', fileName = 'assets.zip') =>
  Buffer.byteLength(
    `--${testBoundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/zip\r\n\r\n`,
  ) +
  size +
  Buffer.byteLength(`\r\n--${testBoundary}--\r\n`);
