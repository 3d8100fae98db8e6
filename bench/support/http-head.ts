// HTTP/1.1 heads for the bench's lean clients: a request's written, an answer's read off raw
// socket bytes.

/**
 * The head of a `method` request of `url` with `headers`, then `fields` (the client's own:
 * framing, connection), as bytes. Plain HTTP only.
 */
export function requestHead(method: string, url: string, headers: Record<string, string>, fields: string[]): Buffer {
  const u = new URL(url);
  if (u.protocol !== 'http:') throw new Error(`the bench's clients speak plain HTTP only, not ${u.protocol}`);
  const lines = [`${method} ${u.pathname}${u.search} HTTP/1.1`, `host: ${u.host}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  lines.push(...fields, '', '');
  return Buffer.from(lines.join('\r\n'), 'latin1');
}

export interface HttpHead {
  status: number;
  /** Bytes up to and including the blank line. */
  headLength: number;
  /** The body's length when the answer gives a valid Content-Length. */
  contentLength?: number;
  /** The body is framed by `Transfer-Encoding: chunked`. */
  chunked: boolean;
  /** Another transfer coding than chunked alone (neither lean client reads those). */
  otherCoding?: string;
  /** The server closes the connection after this answer. */
  close: boolean;
  /** How long the server keeps an idle connection (its `Keep-Alive: timeout=`), if it says. */
  keepAliveMs?: number;
}

const headEnd = Buffer.from('\r\n\r\n');

/** An answer's head, or `undefined` while `buf` does not hold all of it yet. */
export function readHead(buf: Buffer): HttpHead | undefined {
  const end = buf.indexOf(headEnd);
  if (end < 0) return undefined;
  const [statusLine = '', ...fields] = buf.toString('latin1', 0, end).split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1];
  if (!status) throw new Error(`not an HTTP/1.1 answer: ${statusLine.slice(0, 100)}`);
  const head: HttpHead = { status: Number(status), headLength: end + headEnd.length, chunked: false, close: false };
  for (const field of fields) {
    const colon = field.indexOf(':');
    const name = field.slice(0, colon).trim().toLowerCase();
    const value = field.slice(colon + 1).trim();
    if (name === 'content-length') {
      const n = /^\d+$/.test(value) ? Number(value) : NaN;
      if (Number.isSafeInteger(n)) head.contentLength = n;
    } else if (name === 'connection') head.close = value.toLowerCase() === 'close';
    else if (name === 'keep-alive') {
      const seconds = /timeout=(\d+)/.exec(value)?.[1];
      if (seconds) head.keepAliveMs = Number(seconds) * 1000;
    } else if (name === 'transfer-encoding') {
      if (value.toLowerCase() === 'chunked') head.chunked = true;
      else head.otherCoding = value;
    }
  }
  return head;
}
