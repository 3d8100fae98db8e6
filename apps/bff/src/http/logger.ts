import pino, { type DestinationStream, type Logger } from 'pino';
import type { RequestHandler } from 'express';

/** Anything that could carry a credential, wherever it sits in a log line. */
export const redactPaths = [
  'token',
  'password',
  'csrf_token',
  '*.token',
  '*.password',
  '*.csrf_token',
  '*.*.password',
  'headers.cookie',
  'headers["set-cookie"]',
  'headers["x-auth-token"]',
  'headers["x-subject-token"]',
  'headers["x-csrf-token"]',
  'headers.authorization',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
  '*.headers["x-auth-token"]',
  '*.headers["x-subject-token"]',
  '*.headers["x-csrf-token"]',
  '*.headers.authorization',
  'ak',
  'sk',
  '*.ak',
  '*.sk',
  'access_key',
  'secret_key',
  '*.access_key',
  '*.secret_key',
];

/** Lines held before a write, and the longest a line waits (docs/decisions/0015). */
export const logBuffer = { bytes: 4096, flushEveryMs: 250 };

/** sonic-boom sets `destroyed` once it is closing; its typings leave the field out. */
const isDestroyed = (stream: object) => (stream as { destroyed?: boolean }).destroyed === true;

/**
 * sonic-boom's own state, which its typings leave out: the bytes it holds and has not yet handed
 * to a write, and whether a write is in flight.
 */
const writerState = (stream: object) => stream as { _len: number; _writing: boolean };

/**
 * Standard output, written in batches of at least `logBuffer.bytes` (or every
 * `logBuffer.flushEveryMs`) instead of one write a line: each write goes through libuv's thread
 * pool, and at a paced load one a request woke a pool thread twice a read (docs/decisions/0015).
 * What is held is written synchronously when the process exits, however it exits short of a kill.
 * `flush()` writes what is held now, or, when a write is in flight (sonic-boom drops a flush
 * asked for then), as soon as that write is done; with nothing held it writes nothing (sonic-boom
 * would write an empty string, a pool thread's wake-up for nothing).
 */
export function bufferedStdout(fd = 1, flushEveryMs = logBuffer.flushEveryMs): ReturnType<typeof pino.destination> {
  const stream = pino.destination({ dest: fd, sync: false, minLength: logBuffer.bytes });
  const flushNow = stream.flush.bind(stream);
  let flushAfterWrite = false;
  const state = writerState(stream);
  stream.on('drain', () => {
    if (!flushAfterWrite) return;
    flushAfterWrite = false;
    if (state._len > 0) flushNow();
  });
  stream.flush = (cb) => {
    if (state._len === 0 && !state._writing && !isDestroyed(stream)) {
      if (cb) process.nextTick(cb);
      return;
    }
    // While a write is in flight sonic-boom only calls `cb` at its end: the drain above writes
    // what is held then.
    flushAfterWrite = true;
    flushNow(cb);
  };
  // A tick flushes only when a line came since the last one (an idle server makes no write; each
  // would wake a pool thread), through `flush()` above, so a tick that meets a write in flight
  // still has what is held written once that write is done. Once ended (`endLog`) the stream is
  // destroyed before it emits 'close': a tick then must not flush.
  let lineSinceTick = false;
  const writeLine = stream.write.bind(stream);
  stream.write = (line) => {
    lineSinceTick = true;
    return writeLine(line);
  };
  const period = setInterval(() => {
    if (!lineSinceTick || isDestroyed(stream)) return;
    lineSinceTick = false;
    stream.flush();
  }, flushEveryMs);
  period.unref();
  stream.once('close', () => clearInterval(period));
  return stream;
}

/**
 * Writes what `stream` holds after the write in flight, if any, and closes it; resolves once
 * done, or after `timeoutMs` (a reader that stopped reading). A process calls it last, before
 * `process.exit`: the synchronous write at exit would put the held lines out while a write of
 * earlier ones may still be on the thread pool, landing after them, spliced into them, or never.
 */
export function endLog(stream: ReturnType<typeof bufferedStdout>, timeoutMs = 2_000): Promise<void> {
  if (isDestroyed(stream)) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    stream.once('close', done);
    stream.once('error', done);
    stream.end();
  });
}

const warn = pino.levels.values.warn!;

/**
 * The BFF's logger. A warning or an error is written at once, with whatever was held before it;
 * request lines wait for the buffer.
 */
export function createLogger(level: string, destination: DestinationStream = bufferedStdout()): Logger {
  return pino(
    {
      level,
      base: { service: 'bff' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      hooks: {
        logMethod(args, method, lineLevel) {
          method.apply(this, args);
          if (lineLevel >= warn) this.flush();
        },
      },
    },
    destination,
  );
}

/**
 * One JSON line per request, with its id, status and duration (never headers or bodies). These
 * fixed scalar fields cannot carry a credential, so the line skips the wildcard redaction, which
 * cost several times the rest of the line on every proxied request.
 */
export function requestLog(parent: Logger): RequestHandler {
  const logger = parent.child({}, { redact: { paths: [] } });
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    // Read now: by the time the answer closes, a mounted router (`/api`, `/insight`) has cut its
    // own prefix off the request's URL.
    const path = req.path;
    res.on('close', () => {
      logger.info(
        {
          request_id: res.locals.requestId,
          method: req.method,
          path,
          status: res.statusCode,
          aborted: !res.writableFinished,
          user: res.locals.session?.user?.name,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    });
    next();
  };
}
