// The paced job's HTTP/1.1 client: kept-alive sockets, each writing one prepared request at a
// time and reading answers framed by Content-Length. Node's `http.get` cost the load process
// 0.12–0.17 ms of CPU a request on these machines (an agent, a parser, two streams and their
// events per request), more than the emulator spent answering it: sharing a CPU with the emulator
// in the split layout, the load generator kept that CPU 60–90 % busy, and the straight side's p99
// alone reached 270–750 ms at a p50 of 1–2 ms. With this client: 40–50 % busy, and a straight
// p99 of about 8 ms.
import net from 'node:net';
import { readHead, requestHead } from './http-head';

export interface PacedTarget {
  url: string;
  headers: Record<string, string>;
}

/** What one request met: `undefined` for a 200, else `status 503`, `ECONNRESET`, … */
export type Outcome = string | undefined;

export interface AnswerHead {
  status: number;
  /** Bytes up to and including the blank line. */
  headLength: number;
  bodyLength: number;
  /** The server closes the connection after this answer. */
  close: boolean;
  /** How long the server keeps an idle connection (its `Keep-Alive: timeout=`), if it says. */
  keepAliveMs?: number;
}

/** The bytes of a GET of `target`, the same for every request. */
export function requestBytes(target: PacedTarget): Buffer {
  return requestHead('GET', target.url, target.headers, ['connection: keep-alive']);
}

/**
 * An answer's head, or `undefined` while `buf` does not hold all of it yet. Throws for an answer
 * not framed by Content-Length: both servers measured here frame every answer so.
 */
export function parseHead(buf: Buffer): AnswerHead | undefined {
  const head = readHead(buf);
  if (!head) return undefined;
  if (head.chunked || head.otherCoding)
    throw new Error(`an answer framed by transfer-encoding: ${head.otherCoding ?? 'chunked'}`);
  if (head.contentLength === undefined)
    throw new Error(`an answer without a usable Content-Length (status ${head.status})`);
  const { status, headLength, close, keepAliveMs } = head;
  return { status, headLength, bodyLength: head.contentLength, close, ...(keepAliveMs ? { keepAliveMs } : {}) };
}

interface Connection {
  socket: net.Socket;
  /** The request in flight, if any: told once what it met. */
  settle?: (outcome: Outcome) => void;
  /** What has arrived of the answer in flight. */
  buf: Buffer;
  /** When it last went idle, and how long the server keeps an idle one (5 s until it says). */
  idleAt: number;
  keepAliveMs: number;
  /** Closed, or being closed; no longer counted. */
  gone: boolean;
}

/**
 * Up to `connections` kept-alive connections to one target. A request takes the connection that
 * went idle last (the others may idle out) or opens one; with all of them busy it waits its turn,
 * its latency still running from when it was due. One whose connection stays silent for
 * `answerTimeoutMs` fails.
 */
export class PacedPool {
  private readonly bytes: Buffer;
  private readonly host: string;
  private readonly port: number;
  private readonly idle: Connection[] = [];
  private readonly waiting: ((outcome: Outcome) => void)[] = [];
  private open = 0;

  constructor(
    target: PacedTarget,
    private readonly connections: number,
    /** A request whose connection stays silent this long fails, so a load run is bounded in time. */
    private readonly answerTimeoutMs = 10_000,
  ) {
    this.bytes = requestBytes(target);
    const u = new URL(target.url);
    this.host = u.hostname;
    this.port = Number(u.port || 80);
  }

  /** Sends one request; `settle` is called once, with what it met. */
  send(settle: (outcome: Outcome) => void): void {
    const now = performance.now();
    for (let c = this.idle.pop(); c; c = this.idle.pop()) {
      // One idle about as long as the server keeps one may be closing there right now: a
      // request written to it would meet the close (the keep-alive race). A second's margin.
      if (now - c.idleAt < c.keepAliveMs - 1000) return this.start(c, settle);
      this.retire(c);
    }
    if (this.open < this.connections) return this.start(this.connect(), settle);
    this.waiting.push(settle);
  }

  /** Closes the idle connections (call when every request has settled). */
  close(): void {
    for (const c of this.idle.splice(0)) this.retire(c);
  }

  private connect(): Connection {
    this.open++;
    const socket = net.connect({ host: this.host, port: this.port, noDelay: true });
    const c: Connection = { socket, buf: Buffer.alloc(0), idleAt: 0, keepAliveMs: 5000, gone: false };
    socket.on('data', (chunk: Buffer) => this.read(c, chunk));
    socket.on('error', (e: NodeJS.ErrnoException) => this.lost(c, e.code ?? e.message));
    socket.on('close', () => this.lost(c, 'closed by the server'));
    // Counts only while a request waits: an idle connection is the keep-alive expiry's to close.
    socket.setTimeout(this.answerTimeoutMs, () => {
      if (c.settle) this.lost(c, `no answer within ${this.answerTimeoutMs / 1000} s`);
    });
    return c;
  }

  private start(c: Connection, settle: (outcome: Outcome) => void): void {
    c.settle = settle;
    c.socket.write(this.bytes);
  }

  /** Ends a connection on this side. */
  private retire(c: Connection): void {
    if (c.gone) return;
    c.gone = true;
    this.open--;
    c.socket.end();
  }

  /** A connection failed or the server closed it: its request, if any, met `why`. */
  private lost(c: Connection, why: string): void {
    if (c.gone) return;
    c.gone = true;
    this.open--;
    c.socket.destroy();
    const i = this.idle.indexOf(c);
    if (i >= 0) this.idle.splice(i, 1);
    const settle = c.settle;
    c.settle = undefined;
    settle?.(why);
    const next = this.waiting.shift();
    if (next) this.start(this.connect(), next);
  }

  private read(c: Connection, chunk: Buffer): void {
    c.buf = c.buf.length === 0 ? chunk : Buffer.concat([c.buf, chunk]);
    let head: AnswerHead | undefined;
    try {
      head = parseHead(c.buf);
    } catch (e) {
      return this.lost(c, (e as Error).message);
    }
    if (!head) return;
    const length = head.headLength + head.bodyLength;
    if (c.buf.length < length) return;
    if (c.buf.length > length || !c.settle) return this.lost(c, 'bytes nobody asked for');
    c.buf = Buffer.alloc(0);
    if (head.keepAliveMs) c.keepAliveMs = head.keepAliveMs;
    const settle = c.settle;
    c.settle = undefined;
    if (head.close) this.retire(c);
    settle(head.status === 200 ? undefined : `status ${head.status}`);
    const next = this.waiting.shift();
    if (next) this.start(head.close ? this.connect() : c, next);
    else if (!head.close) {
      c.idleAt = performance.now();
      this.idle.push(c);
    }
  }
}
