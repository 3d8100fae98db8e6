// Reading an answer's body off raw socket bytes by its framing (Content-Length, chunked, or the
// connection's close), counting its bytes and keeping the first of them, without keeping or
// copying the rest: the transfer client reads a GiB through one reused buffer.
import type { HttpHead } from './http-head';

const sampleBytes = 1000;
const maxLineBytes = 4096;

export class BodyReader {
  /** Body bytes read (chunked framing removed). */
  bytes = 0;
  /** The body is complete. */
  done = false;
  /** The first body bytes, as latin1 text. */
  sample = '';
  private readonly mode: 'length' | 'chunked' | 'close';
  /** length: body bytes still due; chunked: bytes left in the current chunk. */
  private remaining = 0;
  private state: 'size' | 'data' | 'data-end' | 'trailer' = 'size';
  private line = '';

  constructor(head: Pick<HttpHead, 'chunked' | 'contentLength' | 'otherCoding'>) {
    if (head.otherCoding) throw new Error(`an answer framed by transfer-encoding: ${head.otherCoding}`);
    this.mode = head.chunked ? 'chunked' : head.contentLength !== undefined ? 'length' : 'close';
    if (this.mode === 'length') {
      this.remaining = head.contentLength!;
      this.done = this.remaining === 0;
    }
  }

  /** Reads `chunk` (which the caller may reuse after); throws on a malformed chunked body. */
  push(chunk: Uint8Array): void {
    if (this.done) {
      if (chunk.length > 0) throw new Error('bytes after the end of the answer');
      return;
    }
    if (this.mode === 'close') return this.take(chunk, 0, chunk.length);
    if (this.mode === 'length') {
      if (chunk.length > this.remaining) throw new Error('bytes after the end of the answer');
      this.take(chunk, 0, chunk.length);
      this.remaining -= chunk.length;
      this.done = this.remaining === 0;
      return;
    }
    let at = 0;
    while (at < chunk.length && !this.done) {
      if (this.state === 'data') {
        const n = Math.min(this.remaining, chunk.length - at);
        this.take(chunk, at, at + n);
        at += n;
        this.remaining -= n;
        if (this.remaining === 0) this.state = 'data-end';
        continue;
      }
      // The other states read lines: a chunk's size, the CRLF after its data, the trailer.
      const lf = chunk.indexOf(0x0a, at);
      const end = lf < 0 ? chunk.length : lf;
      this.line += Buffer.from(chunk.buffer, chunk.byteOffset + at, end - at).toString('latin1');
      if (this.line.length > maxLineBytes) throw new Error('a chunked body line too long');
      at = end;
      if (lf < 0) break;
      at++;
      const line = this.line.endsWith('\r') ? this.line.slice(0, -1) : this.line;
      this.line = '';
      this.endLine(line);
    }
    if (this.done && at < chunk.length) throw new Error('bytes after the end of the answer');
  }

  /** The connection closed: the end of a close-framed body, or an answer cut short. */
  end(): void {
    if (this.mode === 'close') this.done = true;
  }

  private endLine(line: string): void {
    if (this.state === 'data-end') {
      if (line !== '') throw new Error('a chunk not followed by CRLF');
      this.state = 'size';
    } else if (this.state === 'size') {
      const size = /^([0-9a-fA-F]{1,12})(?:;.*)?$/.exec(line)?.[1];
      if (size === undefined) throw new Error(`a bad chunk size line: ${line.slice(0, 40)}`);
      this.remaining = parseInt(size, 16);
      this.state = this.remaining === 0 ? 'trailer' : 'data';
    } else if (line === '') this.done = true; // the blank line ending the trailer
  }

  private take(chunk: Uint8Array, from: number, to: number): void {
    this.bytes += to - from;
    if (this.sample.length < sampleBytes)
      this.sample += Buffer.from(
        chunk.buffer,
        chunk.byteOffset + from,
        Math.min(to - from, sampleBytes - this.sample.length),
      ).toString('latin1');
  }
}
