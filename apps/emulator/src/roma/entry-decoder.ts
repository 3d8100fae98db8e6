// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the types of pako's deep modules must go with this file into every program that compiles it (e2e and bench too)
/// <reference path="./pako-zlib.d.ts" />
import { inflate, inflateEnd, inflateInit2 } from 'pako/lib/zlib/inflate.js';
import ZStream from 'pako/lib/zlib/zstream.js';

export class ZipWalkError extends Error {}

export interface ZipEntryHandler {
  /**
   * Called with each piece of the entry's inflated (or stored) data, then once with `final`. The
   * piece may be a view of a buffer the decoder reuses: copy what must outlive the call.
   */
  ondata(data: Uint8Array, final: boolean): void;
}

/** Takes an entry's data as stored in the archive, piece by piece, and hands on what it holds. */
export interface EntryDecoder {
  write(data: Buffer): void;
  /** The entry's data ended; throws `ZipWalkError` if it was not whole. */
  end(): void;
}

/**
 * The output buffer of every deflated entry: inflated data reaches handlers in pieces of it, during
 * their call only. One for all, as a write runs to its end before any other: a package of many
 * small entries then allocates nothing per entry but pako's state.
 */
const output = new Uint8Array(64 * 1024);
// zlib's codes (zlib.h), as pako's port answers them.
const zNoFlush = 0;
const zOk = 0;
const zStreamEnd = 1;
const zBufError = -5;

export function entryDecoder(name: string, method: number, handler: ZipEntryHandler): EntryDecoder {
  if (method === 0) return new StoredEntry(handler);
  if (method === 8) return new DeflatedEntry(name, handler);
  throw new ZipWalkError(`Entry ${name} uses an unsupported compression method.`);
}

class StoredEntry implements EntryDecoder {
  constructor(private readonly handler: ZipEntryHandler) {}
  write(data: Buffer): void {
    this.handler.ondata(data, false);
  }
  end(): void {
    this.handler.ondata(new Uint8Array(0), true);
  }
}

/**
 * Inflates with pako's port of zlib, driven at the level of its z_stream so that one output buffer
 * (`output`) serves every entry: the handler sees each piece in that buffer, during its call only. A
 * stream API (fflate's, Node's) allocates a new buffer for every piece of output, and for a
 * gigabyte upload that churn, with the garbage collections it set off, cost more than the inflate.
 * A corrupt stream, and an entry whose data ends before or goes on after its deflate stream's
 * end, throw `ZipWalkError`.
 */
class DeflatedEntry implements EntryDecoder {
  private readonly strm = new ZStream();
  private ended = false;

  constructor(
    private readonly name: string,
    private readonly handler: ZipEntryHandler,
  ) {
    inflateInit2(this.strm, -15);
  }

  private corrupt(): ZipWalkError {
    return new ZipWalkError(`Entry ${this.name} cannot be inflated.`);
  }

  write(data: Buffer): void {
    if (data.length === 0) return;
    const strm = this.strm;
    strm.input = data;
    strm.next_in = 0;
    strm.avail_in = data.length;
    for (;;) {
      strm.output = output;
      strm.next_out = 0;
      strm.avail_out = output.length;
      const status = inflate(strm, zNoFlush);
      if (status !== zOk && status !== zStreamEnd && status !== zBufError) throw this.corrupt();
      if (strm.next_out > 0) this.handler.ondata(output.subarray(0, strm.next_out), false);
      if (status === zStreamEnd) {
        this.ended = true;
        // Bytes after the deflate stream's end (now or in a later piece): not data of this entry.
        if (strm.avail_in > 0) throw this.corrupt();
        return;
      }
      // Done with this piece once all of it went in and the output did not fill up.
      if (strm.avail_in === 0 && strm.avail_out > 0) return;
      if (status === zBufError) throw this.corrupt();
    }
  }

  end(): void {
    inflateEnd(this.strm);
    if (!this.ended) throw this.corrupt();
    this.handler.ondata(new Uint8Array(0), true);
  }
}
