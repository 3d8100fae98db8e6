import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { csrfHeader } from '@portico/api-types';
import { demo } from '@portico/emulator';

/** Another person's session, opened straight against the BFF (no browser), to act behind a page's back. */
export interface OtherSession {
  api: APIRequestContext;
  headers: Record<string, string>;
  dispose(): Promise<void>;
}

export async function signInElsewhere(baseURL: string, role: keyof typeof demo.users): Promise<OtherSession> {
  const api = await playwrightRequest.newContext({ baseURL });
  const user = demo.users[role];
  const res = await api.post('/api/session', {
    data: { domain: demo.domainName, username: user.name, password: user.password },
  });
  if (!res.ok()) throw new Error(`sign-in as ${role} failed: ${res.status()} ${await res.text()}`);
  const session = (await res.json()) as { csrf_token: string };
  return { api, headers: { [csrfHeader]: session.csrf_token }, dispose: () => api.dispose() };
}
