import { csrfHeader, workspaceHeader } from '@portico/api-types';
import type { z } from 'zod';
import { ApiError, apiErrorFromResponse } from './api-error';

/** What every state-changing request carries; set when the session loads. */
const clientState: { csrfToken?: string } = {};
let onSessionEnd: (() => void) | undefined;

export function setCsrfToken(token: string | undefined): void {
  clientState.csrfToken = token;
}
/** The app registers where an ended session sends the user (the sign-in page). */
export function setSessionEndHandler(handler: (() => void) | undefined): void {
  onSessionEnd = handler;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function buildHeaders(method: string, extra?: HeadersInit, workspaceId?: string): Headers {
  const headers = new Headers(extra);
  if (!safeMethods.has(method) && clientState.csrfToken) headers.set(csrfHeader, clientState.csrfToken);
  if (workspaceId) headers.set(workspaceHeader, workspaceId);
  return headers;
}

export function toQueryString(params: Record<string, string | number | boolean | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export interface ApiRequest {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  headers?: HeadersInit;
  /** The DataArts Insight workspace, passed explicitly so it is part of each query's key. */
  workspaceId?: string;
  /** `ignore`: a 401 is an answer (reading the session), not a reason to redirect. */
  sessionEnd?: 'redirect' | 'ignore';
}

/** The raw response of a successful call (for file streams); failures throw `ApiError`. */
export async function apiFetchResponse(path: string, req: ApiRequest = {}): Promise<Response> {
  const method = req.method ?? 'GET';
  const headers = buildHeaders(method, req.headers, req.workspaceId);
  let body: string | undefined;
  if (req.body !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(req.body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, signal: req.signal, credentials: 'same-origin' });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network_error', 'network_error');
  }
  if (!res.ok) {
    const err = await apiErrorFromResponse(res);
    if (req.sessionEnd !== 'ignore') reportError(err);
    throw err;
  }
  return res;
}

/** Call the BFF and parse the answer with the contract's schema. */
export async function apiFetch<S extends z.ZodType>(
  path: string,
  schema: S,
  req: ApiRequest = {},
): Promise<z.infer<S>> {
  const res = await apiFetchResponse(path, req);
  if (res.status === 204) return schema.parse(undefined);
  const json: unknown = await res.json();
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(
      res.status,
      'unexpected_response',
      parsed.error.message,
      res.headers.get('x-request-id') ?? undefined,
    );
  }
  return parsed.data;
}

/** Hand an ended session to the app; the caller still sees the error too. */
export function reportError(err: ApiError): void {
  if (err.isSessionEnd) onSessionEnd?.();
}
