import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { ConnectionOptions, SecureContext } from 'node:tls';
import type { Readable } from 'node:stream';
import { parseRetryAfter } from '@portico/api-types';
import { upstreamRequestIdHeader } from '@portico/api-types/upstream';
import { readJsonAnswer } from './upstream-body';
import { allowedUpstreamHeaders } from './upstream-headers';
import { UpstreamError, upstreamErrorFromBody, type UpstreamService } from './upstream-error';
import type { CancelSignal } from './cancel-signal';

export interface UpstreamRequest {
  service: UpstreamService;
  base: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** Built by the caller from scratch: no browser header is ever passed through. */
  headers: Record<string, string>;
  body?: string | Readable;
  timeoutMs: number;
  signal?: CancelSignal;
  /** For https: the CAs trusted (`UPSTREAM_CA_FILE`); Node's own roots when undefined. */
  secureContext?: SecureContext;
}

/** What a request adds to its service's fixed part (`serviceRequests`). */
export type RequestExtras = Pick<UpstreamRequest, 'query' | 'body' | 'signal'>;

/**
 * One service's requests: `request(method, path, headers, extras)` builds each whole, as one object
 * literal of one shape, with the service's fixed part (its name, base URL and timeout).
 *
 * Not `{ ...common, method, path, … }`: V8 gives the object an object spread makes, once more
 * properties are added to it, a hidden class of its own on each call; with it, everything the
 * request reached outlived the young-generation collections (2 % of all a proxied read allocated,
 * measured apart; see docs/decisions/0009).
 */
export function serviceRequests(
  service: UpstreamService,
  base: string,
  timeoutMs: number,
  secureContext?: SecureContext,
) {
  return (
    method: UpstreamRequest['method'],
    path: string,
    headers: Record<string, string>,
    extras: RequestExtras = {},
  ): UpstreamRequest => ({
    service,
    base,
    method,
    path,
    query: extras.query,
    headers,
    body: extras.body,
    timeoutMs,
    signal: extras.signal,
    secureContext,
  });
}

/** Where a configured base URL points, parsed once (bases come only from configuration). */
interface UpstreamOrigin {
  transport: typeof http | typeof https;
  protocol: string;
  hostname: string;
  port: string;
  /** The base's own path, without a trailing slash (`''` for a bare origin). */
  basePath: string;
}

const origins = new Map<string, UpstreamOrigin>();

function originOf(base: string): UpstreamOrigin {
  let o = origins.get(base);
  if (!o) {
    const url = new URL(base);
    o = {
      transport: url.protocol === 'https:' ? https : http,
      protocol: url.protocol,
      // `[::1]` in a URL, `::1` for a socket.
      hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port,
      basePath: url.pathname.replace(/\/+$/, ''),
    };
    origins.set(base, o);
  }
  return o;
}

/**
 * The request line's path: the base's path, the (already encoded) API path and the query,
 * form-encoded. Built as a string rather than through `URL` on every request: the proxied read
 * is sent many times a second.
 */
export function requestPath(basePath: string, path: string, query?: UpstreamRequest['query']): string {
  let search = '';
  if (query) {
    for (const k in query) {
      const v = query[k];
      if (v === undefined) continue;
      search += `${search ? '&' : '?'}${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`;
    }
  }
  return basePath + path + search;
}

/**
 * An error answer's body, up to `limit` bytes. A connection lost before its end leaves what had
 * arrived: the status is the answer, whatever of the body came with it.
 */
async function readText(res: IncomingMessage, limit = 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res) {
      size += (chunk as Buffer).length;
      if (size > limit) break;
      chunks.push(chunk as Buffer);
    }
  } catch {
    // the connection went before the body's end
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Sends one upstream request and resolves with the response once its headers arrive (the body
 * is left unread, for streaming). A non-2xx answer is read and thrown as an `UpstreamError`; so
 * are timeouts (no headers within `timeoutMs`), refused connections and aborts.
 */
export function sendUpstream(req: UpstreamRequest): Promise<IncomingMessage> {
  return attempt(req, true);
}

/** How long an upload whose sending failed waits for the upstream's answer already on its way. */
const answerAfterSendFailureMs = 1_000;

/** The peer closed or reset the connection (an answer it sent first may still be in the socket). */
const peerGone = (err: NodeJS.ErrnoException) => err.code === 'EPIPE' || err.code === 'ECONNRESET';

/**
 * Makes an upload's socket outlive a failed write. A server that refuses an upload answers
 * before taking all of it and closes the connection; the next write meets EPIPE or ECONNRESET,
 * and a socket ends itself at its first failed write, before it has read the answer waiting in
 * it (as curl and Go's client do, the answer is read instead). Once a write has failed, the rest
 * of the body is dropped; `onFailure` hears of the first failure.
 */
function keepReadingAfterFailedWrite(socket: Socket, onFailure: (err: NodeJS.ErrnoException) => void) {
  let failed = false;
  const forgiving =
    (cb: (err?: Error | null) => void) =>
    (err?: Error | null): void => {
      if (!err || !peerGone(err)) return cb(err);
      if (!failed) {
        failed = true;
        onFailure(err);
      }
      cb();
    };
  const write = socket._write;
  socket._write = function (chunk, encoding, cb) {
    if (failed) return cb();
    write.call(this, chunk, encoding, forgiving(cb));
  };
  const writev = socket._writev;
  if (writev) {
    socket._writev = function (chunks, cb) {
      if (failed) return cb();
      writev.call(this, chunks, forgiving(cb));
    };
  }
}

const noop = () => {};

/**
 * The upstream timeout bounds the upstream's silence. An upload comes from a browser at the
 * browser's pace, often for far longer than the timeout: while the BFF waits for the body's next
 * bytes, with everything it was given already taken by the upstream, the timer is stopped. It
 * runs (afresh, through `runTimer`) while the connection is being made, while the upstream does
 * not take what it was sent (the body paused for its 'drain'), and once the whole body is sent
 * and the answer awaited. Registered after `pipe`: a chunk has been written (and the body perhaps
 * paused for a full socket) when its 'data' is reviewed here. Answers the function that stops
 * watching.
 */
function runTimerWhileUpstreamIsAwaited(
  body: Readable,
  outgoing: http.ClientRequest,
  runTimer: (run: boolean) => void,
) {
  let stopped = false;
  let running = true;
  let bodyEnded = false;
  let connected = false;
  const review = () => {
    const waitingOnUpstream = bodyEnded || !connected || outgoing.writableNeedDrain;
    if (stopped || waitingOnUpstream === running) return;
    running = waitingOnUpstream;
    runTimer(running);
  };
  const onEnd = () => {
    bodyEnded = true;
    review();
  };
  const onSocket = (socket: Socket) => {
    const event = (socket as Socket & { encrypted?: boolean }).encrypted ? 'secureConnect' : 'connect';
    socket.once(event, () => {
      connected = true;
      review();
    });
  };
  body.on('data', review);
  body.on('pause', review);
  body.once('end', onEnd);
  outgoing.on('drain', review);
  outgoing.once('socket', onSocket);
  return () => {
    stopped = true;
    body.off('data', review);
    body.off('pause', review);
    body.off('end', onEnd);
    outgoing.off('drain', review);
    outgoing.off('socket', onSocket);
  };
}

/** The upstream reset a kept-alive connection as it was reused: the request never got there. */
const staleSocket = (outgoing: http.ClientRequest, err: NodeJS.ErrnoException) =>
  outgoing.reusedSocket && peerGone(err);

function attempt(req: UpstreamRequest, mayRetry: boolean): Promise<IncomingMessage> {
  const origin = originOf(req.base);
  // A streamed body (an upload) cannot be sent twice: it gets a connection of its own, as does
  // a retry (other pooled connections may be just as stale).
  const streamed = req.body !== undefined && typeof req.body !== 'string';
  const fresh = streamed || !mayRetry;
  return new Promise((resolve, reject) => {
    let settled = false;
    /** The upstream's answer has begun: it, not a failure to send the rest of the body, is the outcome. */
    let answered = false;
    const fail = (e: UpstreamError) => {
      if (settled) return;
      settled = true;
      reject(e);
    };
    // Whatever a caller passes, only allow-listed headers leave (see upstream-headers.ts).
    const options: http.RequestOptions & Pick<ConnectionOptions, 'secureContext'> = {
      protocol: origin.protocol,
      hostname: origin.hostname,
      port: origin.port,
      path: requestPath(origin.basePath, req.path, req.query),
      method: req.method,
      headers: allowedUpstreamHeaders(req.headers),
      // `undefined` is Node's default agent: one literal of one shape either way (no spread).
      agent: fresh ? false : undefined,
      // Not part of the agent's key for a connection (a `ca` list would be, joined on every call).
      secureContext: req.secureContext,
    };
    const outgoing = origin.transport.request(options);
    const onTimeout = () => {
      fail(new UpstreamError('timeout', 504, req.service, 'timeout', `no answer within ${req.timeoutMs} ms`));
      outgoing.destroy();
    };
    let timer: NodeJS.Timeout | undefined = setTimeout(onTimeout, req.timeoutMs);
    let stopWatchingUpload = noop;
    const onAbort = () => {
      fail(new UpstreamError('aborted', 499, req.service, 'aborted', 'request cancelled'));
      outgoing.destroy();
    };
    if (streamed) {
      outgoing.once('socket', (socket) =>
        keepReadingAfterFailedWrite(socket, (err) => {
          if (answered) return;
          // No answer within the grace: the send failure is the outcome.
          const grace = setTimeout(() => {
            fail(new UpstreamError('unreachable', 502, req.service, err.code ?? 'network', err.message));
            outgoing.destroy();
          }, answerAfterSendFailureMs);
          outgoing.once('response', () => clearTimeout(grace));
          outgoing.once('close', () => clearTimeout(grace));
        }),
      );
    }
    if (req.signal?.aborted) onAbort();
    req.signal?.addEventListener('abort', onAbort, { once: true });
    outgoing.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      stopWatchingUpload();
      // An upstream may answer an upload before taking all of it (a refusal) and close the
      // connection: the rest of the body then meets EPIPE or ECONNRESET. Its answer stands.
      if (answered) return;
      // The keep-alive race (the upstream closes an idle connection as the BFF reuses it) is not
      // an upstream failure: once more, on a fresh connection.
      if (mayRetry && !settled && !streamed && staleSocket(outgoing, err)) {
        settled = true;
        req.signal?.removeEventListener('abort', onAbort);
        resolve(attempt(req, false));
        return;
      }
      fail(new UpstreamError('unreachable', 502, req.service, err.code ?? 'network', err.message));
    });
    outgoing.on('response', (res) => {
      answered = true;
      clearTimeout(timer);
      stopWatchingUpload();
      req.signal?.removeEventListener('abort', onAbort);
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        settled = true;
        resolve(res);
        return;
      }
      const headerId = res.headers[upstreamRequestIdHeader];
      const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(res.headers['retry-after']) : undefined;
      // An error answer to an upload: the rest of the body is not sent (the caller drops it).
      if (streamed) (req.body as Readable).unpipe(outgoing);
      void readText(res).then((text) => {
        const error = upstreamErrorFromBody(
          req.service,
          status,
          text,
          typeof headerId === 'string' ? headerId : undefined,
        );
        if (retryAfterMs !== undefined) error.retryAfterMs = retryAfterMs;
        fail(error);
      });
    });
    if (req.body === undefined) outgoing.end();
    else if (typeof req.body === 'string') outgoing.end(req.body);
    else {
      req.body.on('error', (err) => outgoing.destroy(err));
      req.body.pipe(outgoing);
      // An upload's timer runs only while the BFF waits on the upstream, not on the browser.
      stopWatchingUpload = runTimerWhileUpstreamIsAwaited(req.body, outgoing, (run) => {
        clearTimeout(timer);
        timer = run ? setTimeout(onTimeout, req.timeoutMs) : undefined;
      });
    }
  });
}

/** `sendUpstream` for JSON answers: parses the body and checks it against `schema`. */
export async function upstreamJson<T>(
  req: UpstreamRequest,
  parse: (body: unknown) => { success: true; data: T } | { success: false; error: { message: string } },
): Promise<{ data: T; status: number }> {
  const res = await sendUpstream(req);
  const body = await readJsonAnswer(res, req.service, { idleMs: req.timeoutMs });
  const r = parse(body);
  if (!r.success) {
    throw new UpstreamError('contract', res.statusCode ?? 200, req.service, 'contract', r.error.message.slice(0, 500));
  }
  return { data: r.data, status: res.statusCode ?? 200 };
}
