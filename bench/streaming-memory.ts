// Files through the BFF (createApp in-process, emulator upstream): peak RSS growth of a 200 MiB
// export and import, as a share of the file size, against (a) the same transfer at 20 MiB (flat
// memory: growth at 200 MiB / growth at 20 MiB ≈ 1, not ≈ 10) and (b) a baseline that buffers a
// copy of the 200 MiB export, measured last (RSS seldom shrinks, so it must not precede others).
import { generatedPackage } from '../apps/emulator/src/roma/testing/streamed-upload';
import { exchange, startBffInProcess, type BffInProcess } from './support/bff-in-process';
import { inMiB, mib } from './support/gc';
import { measureGrowth as measure, type Growth } from './support/live-memory';

const big = 200 * mib;
const small = 20 * mib;

async function resourceId(bff: BffInProcess): Promise<string> {
  const res = await fetch(`${bff.url}/api/insight/resources?type=dashboard&limit=1`, { headers: bff.headers });
  const body = (await res.json()) as { items: { id: string }[] };
  return body.items[0]!.id;
}

function exportOf(bff: BffInProcess, id: string, size: number, keep?: Buffer[]) {
  return async () => {
    bff.emulator.setFaults({ largeFileBytes: size });
    let bytes = 0;
    const status = await exchange(
      `${bff.url}/api/insight/resource-packages/export`,
      { method: 'POST', headers: { ...bff.headers, 'content-type': 'application/json' } },
      JSON.stringify({ name: 'bench', resources: [{ resource_type: 'dashboard', resource_id: id }] }),
      (chunk) => {
        bytes += chunk.length;
        keep?.push(chunk);
      },
    );
    if (status !== 200 || bytes < size) throw new Error(`export: ${status}, ${bytes} bytes`);
    if (keep) keep.splice(0, keep.length, Buffer.concat(keep));
  };
}

let imports = 0;
function importOf(bff: BffInProcess, size: number) {
  return async () => {
    const run = ++imports;
    const boundary = `----portico-bench-${run}`;
    const manifest = { asset_version: '1.0', applications: [{ name: `bench-app-${run}` }], tasks: [] };
    async function* body() {
      yield Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="ImportAssetRequestBody"; filename="bench-${run}.zip"\r\n` +
          'Content-Type: application/zip\r\n\r\n',
      );
      yield* generatedPackage(size, manifest);
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    }
    let answer = '';
    const status = await exchange(
      `${bff.url}/api/roma/assets/import?type=AddNew&prefix=b${run}_`,
      { method: 'POST', headers: { ...bff.headers, 'content-type': `multipart/form-data; boundary=${boundary}` } },
      body(),
      (chunk) => (answer += chunk.toString()),
    );
    if (status !== 200) throw new Error(`import: ${status} ${answer.slice(0, 300)}`);
    // Let the emulator's asset job end before the next import starts.
    await new Promise((r) => setTimeout(r, 100));
  };
}

const share = (bytes: number) => `${(bytes / big).toFixed(2)}× file size`;
// Below a few MiB, growth is sampling noise: floor the divisor so the ratio stays meaningful.
const scale = (a: number, b: number) => (a / Math.max(b, 4 * mib)).toFixed(1);
const line = (what: string, g200: Growth, g20: Growth) =>
  `  ${what} 200 MiB: peak RSS +${inMiB(g200.rss)} (${share(g200.rss)}), live +${inMiB(g200.live)} ` +
  `(${share(g200.live)}); at 20 MiB: RSS +${inMiB(g20.rss)}, live +${inMiB(g20.live)}; ` +
  `live growth 200/20 MiB ≈ ${scale(g200.live, g20.live)} (flat ≈ 1, buffered ≈ 10)`;

export async function streamingMemoryBenchmark(): Promise<string> {
  const bff = await startBffInProcess();
  try {
    const id = await resourceId(bff);
    const export20 = await measure(exportOf(bff, id, small));
    const export200 = await measure(exportOf(bff, id, big));
    const import20 = await measure(importOf(bff, small));
    const import200 = await measure(importOf(bff, big));
    const kept: Buffer[] = [];
    const buffered = await measure(exportOf(bff, id, big, kept));
    kept.length = 0;
    const worst = Math.max(export200.live, import200.live);
    return [
      '',
      line('export', export200, export20),
      line('import', import200, import20),
      `  baseline, a buffered copy of the 200 MiB export: peak RSS +${inMiB(buffered.rss)} (${share(buffered.rss)}), ` +
        `live +${inMiB(buffered.live)} (${share(buffered.live)}); ` +
        `streaming's live growth is ${(worst / buffered.live).toFixed(3)}× the baseline's`,
    ].join('\n');
  } finally {
    await bff.close();
  }
}
