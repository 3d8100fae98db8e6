import { authTokenHeader, workspaceIdHeader } from '@portico/api-types/upstream';

/** The only headers the BFF sends upstream; the token is filled in here and nowhere else. */
export function upstreamHeaders(
  token: string,
  opts: { workspaceId?: string; contentType?: string; contentLength?: number } = {},
): Record<string, string> {
  const h: Record<string, string> = { [authTokenHeader]: token, accept: 'application/json' };
  if (opts.workspaceId) h[workspaceIdHeader] = opts.workspaceId;
  if (opts.contentType) h['content-type'] = opts.contentType;
  if (opts.contentLength !== undefined) h['content-length'] = String(opts.contentLength);
  return h;
}

export const jsonContentType = 'application/json;charset=UTF-8';
