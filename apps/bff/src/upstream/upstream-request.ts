import type { Socket } from 'node:net';
import type { SecureContext } from 'node:tls';
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { parseRetryAfter } from '@portico/api-types';
import { upstreamRequestIdHeader } from '@portico/api-types/upstream';
import { readJsonAnswer } from './upstream-body';
import { allowedUpstreamHeaders } from './upstream-headers';
import { UpstreamAnswer } from './upstream-answer';
import { connectionOfItsOwn, pooledConnections } from './upstream-connections';
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
  /** `scheme://host:port`, as undici's dispatchers take it. */
  origin: string;
  /** The base's own path, without a trailing slash (`''` for a bare origin). */
  basePath: string;
}

const origins = new Map<string, UpstreamOrigin>();

function originOf(base: string): UpstreamOrigin {
  let o = origins.get(base);
  if (!o) {
    const url = new URL(base);
    o = { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
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
async function readText(res: Readable, limit = 1024 * 1024): Promise<string> {
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
 * Sends one upstream request and resolves with the answer once its headers arrive (the body
 * is left unread, for streaming). A non-2xx answer is read and thrown as an `UpstreamError`; so
 * are timeouts (no headers within `timeoutMs`), refused connections and aborts.
 */
export function sendUpstream(req: UpstreamRequest): Promise<UpstreamAnswer> {
  return attempt(req, true);
}

/** How long an upload whose sending failed waits for the upstream's answer already on its way. */
const answerAfterSendFailureMs = 1_000;

/** The peer closed or reset the connection (an answer it sent first may still be in the socket). */
const peerGone = (err: NodeJS.ErrnoException) => err.code === 'EPIPE' || err.code === 'ECONNRESET';

/**
 * The connection closed under a request that had no answer yet: reset (ECONNRESET, EPIPE) or
 * closed by the peer (undici's UND_ERR_SOCKET, "other side closed").
 */
const connectionClosed = (err: NodeJS.ErrnoException) => peerGone(err) || err.code === 'UND_ERR_SOCKET';

/**
 * What an upstream error is called in `UpstreamError.code`, in Node's words: a connection the
 * peer closed is a reset, one not made in time ETIMEDOUT.
 */
const networkCode = (err: NodeJS.ErrnoException) =>
  err.code === 'UND_ERR_SOCKET'
    ? 'ECONNRESET'
    : err.code === 'UND_ERR_CONNECT_TIMEOUT'
      ? 'ETIMEDOUT'
      : (err.code ?? 'network');

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
 * runs (afresh, through `runTimer`) until the request is on its connection, while the upstream
 * does not take what it was sent (undici pauses the body until the socket's 'drain' and resumes
 * it then), and once the whole body is sent and the answer awaited. Answers `sending()`, to call
 * once the request is on its connection, and `stop()`.
 */
function runTimerWhileUpstreamIsAwaited(body: Readable, runTimer: (run: boolean) => void) {
  let stopped = false;
  let running = true;
  let bodyEnded = false;
  let connected = false;
  const review = () => {
    const waitingOnUpstream = bodyEnded || !connected || body.readableFlowing === false;
    if (stopped || waitingOnUpstream === running) return;
    running = waitingOnUpstream;
    runTimer(running);
  };
  const onEnd = () => {
    bodyEnded = true;
    review();
  };
  body.on('pause', review);
  body.on('resume', review);
  body.once('end', onEnd);
  return {
    sending() {
      connected = true;
      // The body flows from the next tick, once undici has taken it: reviewed on its first 'data'.
      body.once('data', review);
    },
    stop() {
      stopped = true;
      body.off('pause', review);
      body.off('resume', review);
      body.off('data', review);
      body.off('end', onEnd);
    },
  };
}

/** Stands for the request a timeout or a cancellation ended (undici aborts it with this). */
class RequestEnded extends Error {}

function attempt(req: UpstreamRequest, mayRetry: boolean): Promise<UpstreamAnswer> {
  const { origin, basePath } = originOf(req.base);
  // A streamed body (an upload) cannot be sent twice: it gets a connection of its own, as does
  // a retry (other pooled connections may be just as stale).
  const streamed = req.body !== undefined && typeof req.body !== 'string';
  const fresh = streamed || !mayRetry;
  return new Promise((resolve, reject) => {
    let settled = false;
    /** The upstream's answer, once its headers came: it, not a failure to send the rest of the body, is the outcome. */
    let answer: UpstreamAnswer | undefined;
    let controller: Dispatcher.DispatchController | undefined;
    /** Why the request was ended before it reached its connection (undici aborts it when it does). */
    let endedEarly: Error | undefined;
    const end = () => {
      const reason = new RequestEnded();
      if (controller) controller.abort(reason);
      else endedEarly = reason;
      own?.destroy(reason).catch(noop);
    };
    const fail = (e: UpstreamError) => {
      if (settled) return;
      settled = true;
      reject(e);
    };
    const onTimeout = () => {
      fail(new UpstreamError('timeout', 504, req.service, 'timeout', `no answer within ${req.timeoutMs} ms`));
      end();
    };
    let timer: NodeJS.Timeout | undefined = setTimeout(onTimeout, req.timeoutMs);
    const onAbort = () => {
      fail(new UpstreamError('aborted', 499, req.service, 'aborted', 'request cancelled'));
      end();
    };
    // An upload's timer runs only while the BFF waits on the upstream, not on the browser.
    const upload = streamed
      ? runTimerWhileUpstreamIsAwaited(req.body as Readable, (run) => {
          clearTimeout(timer);
          timer = run ? setTimeout(onTimeout, req.timeoutMs) : undefined;
        })
      : undefined;
    const stopTimers = () => {
      clearTimeout(timer);
      upload?.stop();
    };
    /** An upload whose sending failed: the upstream's answer may still be on its way; if none comes, the failure is the outcome. */
    const onSendFailure = (err: NodeJS.ErrnoException) => {
      if (answer) return;
      const grace = setTimeout(() => {
        if (answer) return;
        fail(new UpstreamError('unreachable', 502, req.service, networkCode(err), err.message));
        end();
      }, answerAfterSendFailureMs);
      grace.unref();
    };
    const own = fresh
      ? connectionOfItsOwn(
          origin,
          req.secureContext,
          req.timeoutMs,
          streamed ? (socket) => keepReadingAfterFailedWrite(socket, onSendFailure) : undefined,
        )
      : undefined;
    if (req.signal?.aborted) onAbort();
    req.signal?.addEventListener('abort', onAbort, { once: true });
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        controller = c;
        if (endedEarly) return c.abort(endedEarly);
        upload?.sending();
      },
      onResponseStart(c, statusCode, headers) {
        stopTimers();
        req.signal?.removeEventListener('abort', onAbort);
        answer = new UpstreamAnswer(c, statusCode, headers);
        if (settled) return void answer.destroy();
        if (statusCode >= 200 && statusCode < 300) {
          settled = true;
          resolve(answer);
          return;
        }
        const headerId = headers[upstreamRequestIdHeader];
        const retryAfter = headers['retry-after'];
        const retryAfterMs =
          (statusCode === 429 || statusCode === 503) && typeof retryAfter === 'string'
            ? parseRetryAfter(retryAfter)
            : undefined;
        // An error answer to an upload: undici stops sending the rest once the answer is whole.
        void readText(answer).then((text) => {
          const error = upstreamErrorFromBody(
            req.service,
            statusCode,
            text,
            typeof headerId === 'string' ? headerId : undefined,
          );
          if (retryAfterMs !== undefined) error.retryAfterMs = retryAfterMs;
          fail(error);
        });
      },
      onResponseData(_c, chunk) {
        answer?.receive(chunk);
      },
      onResponseEnd() {
        answer?.end();
      },
      onResponseError(_c, err: NodeJS.ErrnoException) {
        stopTimers();
        // Mid-body: whoever reads the answer hears of it (an answer's status stands, whatever
        // of its body came: an upload refused early, then the connection cut).
        if (answer) return void answer.destroy(err);
        if (settled || err instanceof RequestEnded) return;
        // The keep-alive race (the upstream closes an idle connection as the BFF reuses it) is not
        // an upstream failure: once more, on a connection of its own.
        if (mayRetry && !streamed && connectionClosed(err)) {
          settled = true;
          req.signal?.removeEventListener('abort', onAbort);
          resolve(attempt(req, false));
          return;
        }
        fail(new UpstreamError('unreachable', 502, req.service, networkCode(err), err.message));
      },
    };
    (own ?? pooledConnections(req.secureContext, req.timeoutMs)).dispatch(
      {
        origin,
        path: requestPath(basePath, req.path, req.query),
        method: req.method,
        // Whatever a caller passes, only allow-listed headers leave (see upstream-headers.ts).
        headers: allowedUpstreamHeaders(req.headers),
        body: req.body,
      },
      handler,
    );
    // Closed once its one request is done.
    own?.close().catch(noop);
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
    throw new UpstreamError('contract', res.statusCode, req.service, 'contract', r.error.message.slice(0, 500));
  }
  return { data: r.data, status: res.statusCode };
}
