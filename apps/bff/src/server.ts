import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve as resolvePath } from 'node:path';
import { createExpressServer } from '@portico/express-server';
import { createApp } from './app';
import { EnvError, loadEnv } from './config/env';
import { upstreamFromEnv } from './config/upstream-config';
import { openDatabase } from './db/open-database';
import { flushWriteQueues, tuneWriteQueues } from './db/write-queues';
import { startEmbeddedEmulator } from './embedded-emulator';
import { markInterruptedAudits, silentAuditMs } from './features/audits/interrupted-audits';
import { createSessionStore } from './features/session/session-store';
import { trackConnections } from './http/connection-drain';
import { bufferedStdout, createLogger, endLog } from './http/logger';
import { closeUpstreamConnections } from './upstream/upstream-connections';
import { startBanner } from './start-banner';
import { startUpCollectedMessage } from './start-up-collected';

async function main(): Promise<void> {
  const env = loadEnv();
  const logOutput = bufferedStdout();
  const logger = createLogger(env.LOG_LEVEL, logOutput);
  const configured = upstreamFromEnv(env);
  const embedded = configured ? undefined : await startEmbeddedEmulator(env.DATA_DIR, env.UPSTREAM_TIMEOUT_MS);
  const upstream = configured ?? embedded!.upstream;
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  // Audits a stopped server left running are failed, not left spinning. The embedded database
  // is this process's alone, so at start every running audit is such; on a shared PostgreSQL
  // only those whose heartbeat went silent are (another replica may be running the rest).
  const markInterrupted = async (all: boolean) => {
    const now = new Date();
    const silentSince = all ? undefined : new Date(now.getTime() - silentAuditMs);
    const interrupted = await markInterruptedAudits(db, now, { silentSince });
    if (interrupted.length > 0)
      logger.warn({ audits: interrupted }, 'audits left running by a stopped server marked failed');
  };
  await markInterrupted(db.kind === 'pglite');
  const interruptedWatch = setInterval(() => {
    markInterrupted(false).catch((err: unknown) => logger.warn({ err }, 'could not check for interrupted audits'));
  }, silentAuditMs);
  interruptedWatch.unref();
  // Writes the database could not take (activity settles, bulk-fix records) are retried with
  // this logger, and flushed once more on shutdown.
  tuneWriteQueues(db, { logger });
  const app = createApp({ db, logger, env, upstream });

  // 256 KiB stream buffers per browser connection instead of 16 KiB: a relayed file then moves
  // in fewer pause/resume rounds (export relay on its own CPU: 0.85 → 0.99 of straight in
  // `pnpm bench`), still a fixed amount per connection whatever the file's size. Requests are
  // born with Express's prototypes (see createExpressServer): a proxied read's p99 paid for
  // Express re-parenting each one.
  const server: Server = createExpressServer(app, { highWaterMark: 256 * 1024 }).listen(env.PORT, env.HOST);
  // Large uploads and downloads may take longer than Node's default 5 minutes per request.
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  logger.info(
    { port, host: env.HOST, upstream: embedded ? 'embedded emulator' : upstream.iam, database: db.kind },
    `Portico BFF listening on http://${env.HOST}:${port}`,
  );
  // Said at once, not with the request lines' buffer: whoever starts the server waits for it.
  logger.flush();
  // A first start on an empty data folder leaves about 430 MB of dead buffers (PGlite's initdb
  // and loading), let go within a second of listening (a timer of initdb's holds them); an idle
  // server runs no full collection, so they would stay resident (RSS about 830 MB instead of
  // 440). One collection a few seconds in, when `start` exposed it (--expose-gc).
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    const collectStartUp = setTimeout(() => {
      const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
      const before = process.memoryUsage.rss();
      gc();
      logger.info({ rss_mib: { before: mib(before), after: mib(process.memoryUsage.rss()) } }, startUpCollectedMessage);
    }, 3_000);
    collectStartUp.unref();
  }
  const webServed = existsSync(resolvePath(env.WEB_DIST_DIR, 'index.html'));
  process.stdout.write(`${startBanner({ host: env.HOST, port, embedded: !!embedded, webServed })}\n`);

  const sessions = createSessionStore(db, env.SESSION_IDLE_TIMEOUT_MS);
  const purge = setInterval(() => void sessions.purgeExpired().catch(() => undefined), 60_000);
  purge.unref();

  // On SIGTERM: no new connections; requests in flight (a download, an upload) finish within
  // `SHUTDOWN_GRACE_MS`, then whatever is left is cut; queued writes get one more try;
  // the database is closed cleanly; exit 0.
  let stopping = false;
  server.on('request', (_req, res) => {
    if (stopping) res.setHeader('connection', 'close');
  });
  const connections = trackConnections(server);
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(purge);
    clearInterval(interruptedWatch);
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Said once the listening socket is closed, so whoever reads it finds new connections refused.
    logger.info({ signal }, 'shutting down: no new connections, requests in flight finish');
    logger.flush();
    // Keep-alive connections are closed as soon as they are idle, not after their timeout.
    connections.closeIdle();
    const idle = setInterval(() => connections.closeIdle(), 100);
    const force = setTimeout(() => {
      logger.warn({ graceMs: env.SHUTDOWN_GRACE_MS }, 'requests still in flight after the grace period: cut');
      server.closeAllConnections();
    }, env.SHUTDOWN_GRACE_MS);
    await closed;
    clearInterval(idle);
    clearTimeout(force);
    // The server's close comes as soon as the last connection is destroyed, before the sockets'
    // 'close' events (and their responses'), on which a cut request records how it ended (a cut
    // download's `stream_interrupted`): once every one has come, a turn of the event loop lets
    // those writes start, and the flush waits for them.
    await connections.allClosed();
    await new Promise((resolve) => setImmediate(resolve));
    // Requests are done: their kept-alive upstream connections go, and writes still queued get one
    // more try (activity entries left stay pending).
    await closeUpstreamConnections();
    const unwritten = await flushWriteQueues(db);
    if (Object.keys(unwritten).length > 0)
      logger.warn({ unwritten }, 'writes lost at shutdown: the database was unavailable');
    await db.close().catch((err: unknown) => logger.warn({ err }, 'database did not close cleanly'));
    await embedded?.close();
    logger.info('stopped');
    // The shutdown's last lines (writes lost, say) land whole and in order before the exit.
    await endLog(logOutput);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((e: unknown) => {
  console.error(e instanceof EnvError ? e.message : e);
  process.exit(1);
});
