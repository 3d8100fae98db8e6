import type { Express, RequestHandler } from 'express';
import { HttpError } from './http-error';

/** One (method, full path) the app answers; `path` is Express's pattern (`/api/audits/:id`). */
export interface RegisteredRoute {
  method: string;
  path: string;
}

/** Router 2.3's own listing (Express 5.3's `app.router`): routes and mounted routers, in order. */
interface ListedRoute {
  path: string | RegExp;
  methods: string[] | undefined;
  router: Listable | undefined;
}
interface Listable {
  listRoutes(): ListedRoute[];
}

const join = (base: string, path: string) => (base + (path === '/' ? '' : path)).replace(/\/{2,}/g, '/') || '/';

function walk(router: Listable, base: string, out: RegisteredRoute[]) {
  for (const entry of router.listRoutes()) {
    const path = typeof entry.path === 'string' ? join(base, entry.path) : `${base}${String(entry.path)}`;
    if (entry.router) walk(entry.router, typeof entry.path === 'string' ? path : base, out);
    // HEAD comes free with GET; `*` (`.all`) is listed as is.
    for (const method of entry.methods ?? []) if (method !== 'HEAD') out.push({ method, path });
  }
}

/** Every (method, path) the app registers, nested routers included, by walking its router stack. */
export function routeTable(app: Express): RegisteredRoute[] {
  const out: RegisteredRoute[] = [];
  walk((app as unknown as { router: Listable }).router, '', out);
  return out;
}

/** `/api/audits/:id` → a RegExp of the whole path; only `:name` segments are used in this app. */
function patternOf(path: string): RegExp {
  if (/[*{}()?+]/.test(path)) throw new Error(`route-table: unsupported path pattern ${path}`);
  const body = path
    .split('/')
    .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.\\^$|[\]]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${body}/?$`, 'i');
}

/**
 * 405 with `Allow` when the path is a registered route but the method is not one of its own;
 * otherwise on to the 404. The table is read from the app the first time it is needed.
 */
export function methodNotAllowed(app: Express, under = '/api'): RequestHandler {
  let table: { pattern: RegExp; methods: Set<string> }[] | undefined;
  const load = () => {
    const byPath = new Map<string, Set<string>>();
    for (const r of routeTable(app)) {
      if (!r.path.startsWith(`${under}/`)) continue;
      const set = byPath.get(r.path) ?? new Set<string>();
      set.add(r.method);
      byPath.set(r.path, set);
    }
    return [...byPath].map(([path, methods]) => ({ pattern: patternOf(path), methods }));
  };
  return (req, res, next) => {
    table ??= load();
    const path = req.baseUrl + req.path;
    const allowed = new Set<string>();
    for (const { pattern, methods } of table) if (pattern.test(path)) for (const m of methods) allowed.add(m);
    if (allowed.size === 0 || allowed.has(req.method) || allowed.has('*')) return next();
    if (allowed.has('GET')) allowed.add('HEAD');
    res.setHeader('allow', [...allowed].sort().join(', '));
    next(new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${path}`));
  };
}
