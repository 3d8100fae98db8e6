import { crc32 } from 'node:zlib';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

export interface ZipEntrySource {
  name: string;
  data: Iterable<Uint8Array> | AsyncIterable<Uint8Array>;
  /** false stores the entry as is (padding, already compressed data). */
  compress?: boolean;
}

/**
 * A stored entry whose CRC-32 is computed by zlib (native) instead of fflate's JavaScript loop:
 * for a file of a gigabyte that loop, not the network, set the pace of the whole download.
 */
class StoredEntry extends ZipPassThrough {
  private sum = 0;

  override push(chunk: Uint8Array, final = false): void {
    this.sum = crc32(chunk, this.sum);
    this.size += chunk.length;
    if (final) this.crc = this.sum;
    this.process(chunk as Uint8Array<ArrayBuffer>, final);
  }
}

/**
 * A ZIP produced entry by entry and chunk by chunk: fflate's `Zip` emits output as each chunk
 * is pushed, and this generator yields it, so the consumer's pace (backpressure) decides how
 * much is generated; the archive is never whole in memory.
 */
export async function* zipChunks(
  entries: Iterable<ZipEntrySource> | AsyncIterable<ZipEntrySource>,
): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else out.push(chunk);
  });
  function* drain(): Generator<Uint8Array> {
    if (failure) throw failure;
    while (out.length > 0) yield out.shift() as Uint8Array;
  }
  for await (const entry of entries) {
    const file = entry.compress === false ? new StoredEntry(entry.name) : new ZipDeflate(entry.name, { level: 6 });
    zip.add(file);
    let held: Uint8Array | undefined;
    // One chunk is held back so the last can be pushed with `final = true`.
    for await (const chunk of entry.data) {
      if (held) file.push(held);
      held = chunk;
      yield* drain();
    }
    file.push(held ?? new Uint8Array(0), true);
    yield* drain();
  }
  zip.end();
  yield* drain();
}

const encoder = new TextEncoder();
export const jsonEntry = (name: string, value: unknown): ZipEntrySource => ({
  name,
  data: [encoder.encode(JSON.stringify(value, null, 2))],
});
