import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  /** The body as text (empty when the route asked not to keep it). */
  body: string;
  bodyBytes: number;
}

export type UpstreamHandler = (req: RecordedRequest, res: ServerResponse, raw: IncomingMessage) => void | Promise<void>;

export interface RouteOptions {
  /** Count the body's bytes without keeping them (large uploads). */
  discardBody?: boolean;
  /** Answer as soon as the headers arrive, reading the body alongside (streaming responses). */
  early?: boolean;
}

/** The IAM token every recording upstream issues; no BFF response may ever contain it. */
export const recordedToken = 'MIIT-SECRET-IAM-TOKEN-5d1f0c9e';

/** A canned JSON answer. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): UpstreamHandler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'up-req-1', ...headers });
    res.end(JSON.stringify(body));
  };
}

/**
 * A tiny HTTP server that records every request exactly (method, path, query, headers, body)
 * and answers from per-route handlers; unknown routes get 404. IAM sign-in is pre-wired.
 */
export async function startRecordingUpstream() {
  const requests: RecordedRequest[] = [];
  const routes = new Map<string, { handler: UpstreamHandler; options: RouteOptions }>();
  const sockets = new Set<Socket>();

  const server = http.createServer(async (raw, res) => {
    const url = new URL(raw.url ?? '/', 'http://upstream');
    const route = routes.get(`${raw.method} ${url.pathname}`);
    const rec: RecordedRequest = {
      method: raw.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: raw.headers,
      body: '',
      bodyBytes: 0,
    };
    requests.push(rec);
    if (route?.options.early) return route.handler(rec, res, raw);
    const chunks: Buffer[] = [];
    try {
      for await (const c of raw) {
        rec.bodyBytes += (c as Buffer).length;
        if (!route?.options.discardBody) chunks.push(c as Buffer);
      }
    } catch {
      return; // the BFF aborted the request
    }
    rec.body = Buffer.concat(chunks).toString('utf8');
    if (!route)
      return json(404, { error_code: 'NOT_FOUND', error_msg: `no route ${rec.method} ${rec.path}` })(rec, res, raw);
    await route.handler(rec, res, raw);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const upstream = {
    url,
    requests,
    on(method: string, path: string, handler: UpstreamHandler, options: RouteOptions = {}) {
      routes.set(`${method} ${path}`, { handler, options });
      return upstream;
    },
    last(): RecordedRequest {
      const r = requests.at(-1);
      if (!r) throw new Error('no upstream request recorded');
      return r;
    },
    clear() {
      requests.length = 0;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };

  upstream.on('POST', '/v3/auth/tokens', (req, res) => {
    const body = JSON.parse(req.body) as {
      auth: { identity: { password: { user: { name: string; password: string; domain: { name: string } } } } };
    };
    const user = body.auth.identity.password.user;
    if (user.password !== 'right-password') {
      json(401, { error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' } })(
        req,
        res,
        undefined as never,
      );
      return;
    }
    const now = Date.now();
    json(
      201,
      {
        token: {
          expires_at: new Date(now + 24 * 3600_000).toISOString(),
          issued_at: new Date(now).toISOString(),
          methods: ['password'],
          roles: [{ id: 'r1', name: 'te_admin' }],
          project: { id: 'proj-1', name: 'cn-north-4', domain: { id: 'dom-1', name: user.domain.name } },
          user: { id: `id-${user.name}`, name: user.name, domain: { id: 'dom-1', name: user.domain.name } },
        },
      },
      { 'x-subject-token': recordedToken, 'set-cookie': 'upstream=secret' },
    )(req, res, undefined as never);
  });
  return upstream;
}
export type RecordingUpstream = Awaited<ReturnType<typeof startRecordingUpstream>>;
