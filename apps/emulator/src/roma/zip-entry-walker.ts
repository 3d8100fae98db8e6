import { type EntryDecoder, type ZipEntryHandler, ZipWalkError, entryDecoder } from './entry-decoder';

export { type ZipEntryHandler, ZipWalkError } from './entry-decoder';

const localSig = 0x04034b50;
const centralSig = 0x02014b50;
const endSig = 0x06054b50;
/** A data descriptor's signature, 'PK' 07 08. */
const descriptorMark = Buffer.from([0x50, 0x4b, 0x07, 0x08]);
const localHeaderBytes = 30;
/** The longest data descriptor (ZIP64, with signature); held back while looking for one. */
const descriptorBytes = 24;

interface OpenEntry {
  decoder: EntryDecoder;
  /** Compressed bytes still to come, or null when a data descriptor ends the entry. */
  remaining: number | null;
  seen: number;
}

/**
 * Walks a ZIP archive as it streams, local header by local header, decoding each entry chunk by
 * chunk (`entryDecoder`). Entries of unknown size (flag bit 3) end at a signed data descriptor
 * whose size matches, found with `Buffer.indexOf` rather than a byte-by-byte scan: fflate's
 * `Unzip` did the latter, and for a gigabyte upload that scan was the emulator's whole cost.
 * Throws `ZipWalkError` for anything that is not a well-formed archive.
 */
export class ZipEntryWalker {
  private held = Buffer.alloc(0);
  private entry: OpenEntry | undefined;
  private trailer = false;
  entries = 0;

  constructor(private readonly onentry: (name: string) => ZipEntryHandler) {}

  push(chunk: Uint8Array): void {
    let buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.held.length > 0) {
      const held = this.held;
      this.held = Buffer.alloc(0);
      const used = this.stitch(held, buf);
      buf = used >= 0 ? buf.subarray(used) : Buffer.concat([held, buf]);
    }
    let at = 0;
    while (at < buf.length && !this.trailer) {
      const used = this.entry ? this.entryData(this.entry, buf, at) : this.header(buf, at);
      if (used < 0) {
        // Not enough bytes to decide: hold them (a header or a descriptor's neighbourhood).
        this.held = Buffer.from(buf.subarray(at));
        return;
      }
      at += used;
    }
  }

  /**
   * The bytes held back from the last chunk, looked at with the start of `buf` only, so a
   * chunk is not copied just to join a few bytes to it. Answers how many bytes of `buf` were
   * used, or -1 when the slow way (joining them) must decide.
   */
  private stitch(held: Buffer, buf: Buffer): number {
    const e = this.entry;
    if (!e || e.remaining !== null || buf.length < descriptorBytes) return -1;
    const near = Buffer.concat([held, buf.subarray(0, descriptorBytes)]);
    for (let p = near.indexOf(descriptorMark, 0); p >= 0 && p < held.length; p = near.indexOf(descriptorMark, p + 1)) {
      const length = e.seen + p;
      const size32 = near.readUInt32LE(p + 8) === length;
      if (!size32 && Number(near.readBigUInt64LE(p + 8)) !== length) continue;
      const end = p + (size32 ? 16 : 24);
      if (end <= held.length) return -1;
      this.endEntry(e, held.subarray(0, p));
      return end - held.length;
    }
    // No descriptor starts among the held bytes: they are the entry's data.
    e.decoder.write(held);
    e.seen += held.length;
    return 0;
  }

  /** Call once the archive ended. */
  finish(): void {
    if (this.trailer) return;
    if (this.entry || this.held.length > 0) throw new ZipWalkError('The ZIP archive is truncated.');
    if (this.entries === 0) throw new ZipWalkError('The file is not a ZIP archive.');
    throw new ZipWalkError('The ZIP archive is truncated.');
  }

  /** Parses one local header at `at`; -1 when more bytes are needed. */
  private header(buf: Buffer, at: number): number {
    if (buf.length - at < 4) return -1;
    const sig = buf.readUInt32LE(at);
    if (sig === centralSig || sig === endSig) {
      this.trailer = true;
      return buf.length - at;
    }
    if (sig !== localSig) throw new ZipWalkError('The ZIP archive is corrupt.');
    if (buf.length - at < localHeaderBytes) return -1;
    const flags = buf.readUInt16LE(at + 6);
    const method = buf.readUInt16LE(at + 8);
    let size: number = buf.readUInt32LE(at + 18);
    const nameLength = buf.readUInt16LE(at + 26);
    const extraLength = buf.readUInt16LE(at + 28);
    const total = localHeaderBytes + nameLength + extraLength;
    if (buf.length - at < total) return -1;
    const name = buf.toString(
      flags & 0x800 ? 'utf8' : 'latin1',
      at + localHeaderBytes,
      at + localHeaderBytes + nameLength,
    );
    if (size === 0xffffffff) size = zip64CompressedSize(buf.subarray(at + localHeaderBytes + nameLength, at + total));
    const decoder = entryDecoder(name, method, this.onentry(name));
    this.entries += 1;
    this.entry = { decoder, remaining: flags & 0x8 ? null : size, seen: 0 };
    return total;
  }

  /** Feeds the open entry from `at`; answers how many bytes were used, -1 when it must wait. */
  private entryData(e: OpenEntry, buf: Buffer, at: number): number {
    if (e.remaining !== null) {
      const n = Math.min(e.remaining, buf.length - at);
      e.remaining -= n;
      if (e.remaining === 0) this.endEntry(e, buf.subarray(at, at + n));
      else e.decoder.write(buf.subarray(at, at + n));
      return n;
    }
    // Size unknown: the data ends where a signed descriptor holds the number of bytes seen.
    let unchecked = -1;
    for (let p = buf.indexOf(descriptorMark, at); p >= 0; p = buf.indexOf(descriptorMark, p + 1)) {
      if (buf.length - p < descriptorBytes) {
        unchecked = p;
        break;
      }
      const length = e.seen + (p - at);
      const size32 = buf.readUInt32LE(p + 8) === length;
      const size64 = !size32 && Number(buf.readBigUInt64LE(p + 8)) === length;
      if (!size32 && !size64) continue;
      this.endEntry(e, buf.subarray(at, p));
      return p - at + (size32 ? 16 : 24);
    }
    // Keep back only what may begin a descriptor: one too near the end to check, or part of a
    // signature ending the chunk. Most chunks end in neither and go to the decoder whole.
    const safe = unchecked >= 0 ? unchecked : buf.length - partialMarkAtEnd(buf, at);
    if (safe === at) return -1;
    e.decoder.write(buf.subarray(at, safe));
    e.seen += safe - at;
    return safe - at;
  }

  private endEntry(e: OpenEntry, last: Buffer): void {
    this.entry = undefined;
    if (last.length > 0) e.decoder.write(last);
    e.decoder.end();
  }
}

/** How many bytes at the end of `buf` (from `at` on) are the start of a descriptor's signature. */
function partialMarkAtEnd(buf: Buffer, at: number): number {
  for (let k = Math.min(descriptorMark.length - 1, buf.length - at); k > 0; k--) {
    if (buf.compare(descriptorMark, 0, k, buf.length - k, buf.length) === 0) return k;
  }
  return 0;
}

function zip64CompressedSize(extra: Buffer): number {
  for (let i = 0; i + 4 <= extra.length;) {
    const id = extra.readUInt16LE(i);
    const len = extra.readUInt16LE(i + 2);
    // ZIP64 extra: original size, then compressed size (both present when both overflow).
    if (id === 0x0001 && len >= 16) return Number(extra.readBigUInt64LE(i + 12));
    i += 4 + len;
  }
  throw new ZipWalkError('The ZIP archive is corrupt.');
}
