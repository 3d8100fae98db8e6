import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { listen } from './testing/service-harness';
import { romaHarness } from './testing/roma-harness';
import { generatedPackage, postMultipartStream } from './testing/streamed-upload';

const fileBytes = 50 * 1024 * 1024;

// Collecting before each sample measures live memory, not garbage the GC has not reached yet.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('a large asset upload', () => {
  const h = romaHarness();
  let server: Server;
  let url: string;
  beforeAll(async () => ({ server, url } = await listen(h.app)));
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('is read as it streams: 50 MB go through with memory far below the file size', async () => {
    const used = () => {
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    gc();
    const before = used();
    let peak = before;
    const sampler = setInterval(() => {
      // Twice: the Buffers one collection finds dead are only subtracted from arrayBuffers by
      // the next, and a fast upload leaves many behind in 100 ms.
      gc();
      gc();
      peak = Math.max(peak, used());
    }, 100);
    const manifest = { asset_version: '1.0', applications: [{ name: 'bulk-app' }], tasks: [] };
    try {
      const res = await postMultipartStream(
        `${url}${h.paths.import}`,
        'bulk-assets.zip',
        generatedPackage(fileBytes, manifest),
      );
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body).job_id).toMatch(/^[0-9a-f]{32}$/);
    } finally {
      clearInterval(sampler);
    }
    // Buffering the upload would add at least the file size; streaming adds a few chunks.
    expect(peak - before).toBeLessThan(fileBytes / 2);
  });

  it('lets only one of two uploads of the same user streaming at once start a job (ROMA.10012)', async () => {
    h.finishJobs();
    const manifest = { asset_version: '1.0', applications: [{ name: 'twin' }], tasks: [] };
    const answers = await Promise.all([
      postMultipartStream(`${url}${h.paths.import}`, 'twin-a.zip', generatedPackage(5 * 1024 * 1024, manifest)),
      postMultipartStream(`${url}${h.paths.import}`, 'twin-b.zip', generatedPackage(5 * 1024 * 1024, manifest)),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
    const refused = answers.find((a) => a.status === 400);
    expect(JSON.parse(refused?.body ?? '{}').error_code).toBe('ROMA.10012');
  });

  it('answers a refusal it knows before reading the package only once the upload is whole, so an uploader on a closing connection gets it (no EPIPE)', async () => {
    h.finishJobs();
    const manifest = { asset_version: '1.0', applications: [{ name: 'first' }], tasks: [] };
    const first = await postMultipartStream(
      `${url}${h.paths.import}`,
      'first.zip',
      generatedPackage(64 * 1024, manifest),
    );
    expect(first.status).toBe(200);
    // A job of this user now runs: the next upload is refused before its package is read. Sent
    // as the BFF sends uploads (Connection: close) and slowly, it is still being written when
    // the refusal is known; a server that answered then would close the connection under it.
    let lastChunkAt = 0;
    async function* slowly(chunks: AsyncIterable<Uint8Array>) {
      for await (const chunk of chunks) {
        yield chunk;
        await new Promise((r) => setTimeout(r, 10));
      }
      lastChunkAt = Date.now();
    }
    const refused = await postMultipartStream(
      `${url}${h.paths.import}`,
      'second.zip',
      slowly(generatedPackage(4 * 1024 * 1024, manifest)),
      {
        closeConnection: true,
      },
    );
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body).error_code).toBe('ROMA.10012');
    expect(lastChunkAt).toBeGreaterThan(0);
  });
});
