import { demoCredentials, type DemoUser } from './emulator-fixture';

/**
 * Signs `user` in to the BFF at `url` over real HTTP and answers the headers of a signed-in
 * caller: the session cookie and the CSRF token. Throws unless the sign-in answers 201.
 */
export async function signInOverHttp(url: string, user: DemoUser): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demoCredentials(user)),
  });
  if (res.status !== 201) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrf_token: string };
  return sessionHeaders(res.headers.get('set-cookie') ?? '', body.csrf_token);
}

/** The headers of a signed-in caller, from the sign-in's `Set-Cookie` and the session's CSRF token. */
export function sessionHeaders(setCookie: string, csrfToken: string): { cookie: string; 'x-csrf-token': string } {
  return { cookie: setCookie.split(';')[0]!, 'x-csrf-token': csrfToken };
}
