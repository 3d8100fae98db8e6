// Types of the two modules of pako's zlib port that `entry-decoder.ts` uses (pako 2 exports
// `./lib/zlib/*` but ships no types for it). Only what is used is declared.
declare module 'pako/lib/zlib/zstream.js' {
  /** zlib's z_stream: the caller sets input/output and their positions; inflate moves them. */
  export default class ZStream {
    input: Uint8Array | null;
    next_in: number;
    avail_in: number;
    output: Uint8Array | null;
    next_out: number;
    avail_out: number;
    msg: string;
  }
}

declare module 'pako/lib/zlib/inflate.js' {
  import type ZStream from 'pako/lib/zlib/zstream.js';
  /** `windowBits` negative: raw deflate, no zlib header (a ZIP entry's data). */
  export function inflateInit2(strm: ZStream, windowBits: number): number;
  export function inflate(strm: ZStream, flush: number): number;
  export function inflateEnd(strm: ZStream): number;
}
