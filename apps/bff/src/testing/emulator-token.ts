import { iamSubjectTokenHeader } from '@portico/api-types/upstream';
import { demo } from '@portico/emulator';
import type { DemoUser } from './emulator-fixture';

/** A token straight from the emulator's IAM, for tests that call an upstream client directly. */
export async function emulatorToken(emulatorUrl: string, user: DemoUser = 'auditor'): Promise<string> {
  const { name, password } = demo.users[user];
  const res = await fetch(`${emulatorUrl}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: { methods: ['password'], password: { user: { name, password, domain: { name: demo.domainName } } } },
        scope: { project: { id: demo.projectId } },
      },
    }),
  });
  const token = res.headers.get(iamSubjectTokenHeader);
  if (res.status !== 201 || !token) throw new Error(`emulator sign-in failed: ${res.status}`);
  return token;
}
