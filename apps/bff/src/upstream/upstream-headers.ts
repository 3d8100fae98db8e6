import { authTokenHeader, workspaceIdHeader } from '@portico/api-types/upstream';

/**
 * The only headers the BFF sends upstream (besides what Node's HTTP client adds for the
 * transport: `host` from the configured base URL, `connection`, `transfer-encoding`). No
 * browser header is ever copied: the browser's `Cookie`, `Authorization`, `X-Forwarded-*`,
 * `X-Auth-Token` never cross; the token and workspace are set here from the session and
 * configuration (the Insight workspace picked in the browser only after validation).
 */
export const upstreamRequestHeaders = [
  authTokenHeader,
  'accept',
  workspaceIdHeader,
  'content-type',
  'content-length',
] as const;
export type UpstreamRequestHeader = (typeof upstreamRequestHeaders)[number];

/** Transport headers Node adds to every upstream request itself. */
export const transportRequestHeaders = ['host', 'connection', 'transfer-encoding'] as const;

/**
 * The only upstream response headers that reach the browser, and only on a file download:
 * `content-disposition` (its file name sanitised), `content-type`, `content-length`. An
 * upstream's `x-request-id` reaches the browser inside the error body (`error.upstream.request_id`),
 * never as a header; `Set-Cookie`, `X-Subject-Token`, `X-Auth-Token`, `Server`, CORS headers and
 * all others stop at the BFF.
 */
export const relayedFileHeaders = ['content-type', 'content-disposition', 'content-length'] as const;

const allowedRequestHeaders: ReadonlySet<string> = new Set(upstreamRequestHeaders);

/** Keeps only allow-listed names: the last gate before a request leaves for the upstream. */
export function allowedUpstreamHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    if (allowedRequestHeaders.has(lower)) out[lower] = headers[name]!;
  }
  return out;
}

/** The only headers the BFF sends upstream; the token is filled in here and nowhere else. */
export function upstreamHeaders(
  token: string,
  opts: { workspaceId?: string; contentType?: string; contentLength?: number } = {},
): Record<UpstreamRequestHeader, string> {
  const h: Partial<Record<UpstreamRequestHeader, string>> = { [authTokenHeader]: token, accept: 'application/json' };
  if (opts.workspaceId) h[workspaceIdHeader] = opts.workspaceId;
  if (opts.contentType) h['content-type'] = opts.contentType;
  if (opts.contentLength !== undefined) h['content-length'] = String(opts.contentLength);
  return h as Record<UpstreamRequestHeader, string>;
}

export const jsonContentType = 'application/json;charset=UTF-8';
