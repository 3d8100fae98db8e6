import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import { Zip, ZipDeflate, strToU8 } from 'fflate';
import { importAssetFileField } from '@portico/api-types/upstream';

/**
 * An asset package of about `bytes`, generated chunk by chunk: `manifest.json` then a big entry
 * stored through deflate level 0 (so the upload really is that large), never whole in memory.
 */
export async function* generatedPackage(bytes: number, manifest: unknown): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    out.push(chunk);
  });
  const manifestEntry = new ZipDeflate('manifest.json', { level: 6 });
  zip.add(manifestEntry);
  manifestEntry.push(strToU8(JSON.stringify(manifest)), true);
  const big = new ZipDeflate('data/blob.bin', { level: 0 });
  zip.add(big);
  const block = new Uint8Array(256 * 1024).map((_, i) => (i * 131) & 0xff);
  for (let left = bytes; left > 0; left -= block.length) {
    big.push(left > block.length ? block : block.subarray(0, left), left <= block.length);
    yield* out.splice(0);
  }
  zip.end();
  yield* out.splice(0);
}

/**
 * POSTs `chunks` as the multipart file field without ever holding the body. `closeConnection`
 * sends it as the BFF sends an upload: on a connection of its own, `Connection: close`.
 */
export function postMultipartStream(
  url: string,
  filename: string,
  chunks: AsyncIterable<Uint8Array>,
  { closeConnection = false }: { closeConnection?: boolean } = {},
): Promise<{ status: number; body: string }> {
  const boundary = '----portico' + Math.random().toString(16).slice(2);
  async function* body() {
    yield Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${importAssetFileField}"; filename="${filename}"\r\n` +
        'Content-Type: application/zip\r\n\r\n',
    );
    yield* chunks;
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  }
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    const req = httpRequest(url, { method: 'POST', headers, agent: closeConnection ? false : undefined }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
    });
    req.on('error', reject);
    Readable.from(body()).pipe(req);
  });
}
