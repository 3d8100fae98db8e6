// Import upload: a generated 1 GiB asset package (a real ZIP: manifest + a big stored entry),
// written once to a temporary file and sent as multipart/form-data through the BFF and straight
// to the emulator in the same run. Figures: throughput through the BFF as a share of the
// straight one (median of alternating pairs), and the BFF process's peak RSS growth.
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { demo } from '../apps/emulator/src/demo';
import { generatedPackage } from '../apps/emulator/src/roma/testing/streamed-upload';
import { type TransferJob } from './support/load-job';
import { type BenchScenario } from './support/scenario';
import { compareTransfers } from './support/transfer-comparison';
import { startStack } from './support/stack';

const mib = 1024 * 1024;
const name = 'import upload through the BFF vs straight';
const boundary = '----portico-bench-upload';

/** The whole multipart body, on disk, so sending it costs the load process next to nothing. */
async function writeMultipartBody(file: string, size: number): Promise<void> {
  const manifest = { asset_version: '1.0', applications: [{ name: 'bench-app' }], tasks: [] };
  async function* body() {
    yield Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="ImportAssetRequestBody"; filename="bench.zip"\r\n` +
        'Content-Type: application/zip\r\n\r\n',
    );
    yield* generatedPackage(size, manifest);
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  }
  await pipeline(Readable.from(body()), createWriteStream(file));
}

export const importUpload: BenchScenario = {
  name,
  async run({ quick, log }) {
    const size = quick ? 100 * mib : 1024 * mib;
    const stack = await startStack({
      // Jobs end at once: ROMA refuses an import while the same user's previous one runs.
      emulatorEnv: { ASSET_JOB_DURATION_MS: '0' },
      bffEnv: { IMPORT_MAX_BYTES: String(2 * size) },
    });
    try {
      const bodyFile = join(stack.dir, 'upload.multipart');
      await writeMultipartBody(bodyFile, size);
      const contentType = `multipart/form-data; boundary=${boundary}`;
      const jobs: Record<'straight' | 'bff', TransferJob> = {
        straight: {
          kind: 'transfer',
          method: 'POST',
          url: `${stack.emulator.url}/v2/${demo.projectId}/instances/${demo.romaInstanceId}/assets/import?type=AddNew&prefix=s_`,
          headers: { 'x-auth-token': stack.token, 'content-type': contentType },
          bodyFile,
        },
        bff: {
          kind: 'transfer',
          method: 'POST',
          url: `${stack.bff.url}/api/roma/assets/import?type=AddNew&prefix=b_`,
          headers: { ...stack.bffHeaders, 'content-type': contentType },
          bodyFile,
        },
      };
      return await compareTransfers({
        scenario: name,
        stack,
        jobs,
        size,
        bytesOf: (r) => r.uploadBytes,
        check: (side, r) => {
          if (r.status !== 200 || !r.answer.includes('job_id'))
            throw new Error(`${side} import: ${r.status} ${r.answer}`);
        },
        log,
      });
    } finally {
      await stack.close();
    }
  },
};
