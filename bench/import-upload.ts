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
import { runLoad, type TransferJob } from './support/load-job';
import { median, pairedRuns } from './support/paired-runs';
import { cpuSecondsOf, sampleRss } from './support/rss-sampler';
import { atLeast, atMost, type BenchScenario } from './support/scenario';
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
      // CPU seconds per GiB each server spent, to tell which process sets the pace.
      const cpu = { bff: 0, emulator: 0, gib: { straight: 0, bff: 0 } };
      const once = (side: 'straight' | 'bff') => async () => {
        const before = {
          bff: cpuSecondsOf(stack.bff.pid),
          emulator: cpuSecondsOf(stack.emulator.pid),
        };
        const r = await runLoad(jobs[side]);
        if (side === 'bff') cpu.bff += cpuSecondsOf(stack.bff.pid) - before.bff;
        else cpu.emulator += cpuSecondsOf(stack.emulator.pid) - before.emulator;
        cpu.gib[side] += r.uploadBytes / 2 ** 30;
        if (r.status !== 200 || !r.answer.includes('job_id'))
          throw new Error(`${side} import: ${r.status} ${r.answer}`);
        return r.uploadBytes / mib / r.seconds;
      };
      const rss = await sampleRss(stack.bff.pid);
      const pairs = await pairedRuns(3, { straight: once('straight'), bff: once('bff') });
      rss.stop();
      log(
        `${size / mib} MiB, MiB/s straight ${pairs.map((p) => p.straight.toFixed(0)).join(', ')}; through the BFF ${pairs.map((p) => p.bff.toFixed(0)).join(', ')}`,
      );
      log(
        `CPU s/GiB: emulator (straight) ${(cpu.emulator / cpu.gib.straight).toFixed(2)}, BFF ${(cpu.bff / cpu.gib.bff).toFixed(2)}; ` +
          `BFF idle RSS ${(rss.idle / mib).toFixed(1)} MiB`,
      );
      return [
        atLeast(
          name,
          'throughput through the BFF / straight',
          median(pairs.map((p) => p.bff / p.straight)),
          '×',
          0.85,
        ),
        atMost(name, 'BFF peak RSS growth', rss.peakGrowth() / mib, 'MiB', 64),
      ];
    } finally {
      await stack.close();
    }
  },
};
