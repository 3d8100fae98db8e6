import request from 'supertest';
import { authTokenHeader, iamSubjectTokenHeader, workspaceIdHeader } from '@portico/api-types/upstream';
import { createEmulatorApp, type EmulatorApp } from '../app';
import { demo } from '../demo';
import type { EmulatorOptions } from '../options';

export type DemoUser = keyof typeof demo.users;

/** The body `POST /v3/auth/tokens` expects for a demo user. */
export function tokenRequest(
  user: DemoUser = 'admin',
  scope: { id: string } | { name: string } = { id: demo.projectId },
) {
  const { name, password } = demo.users[user];
  return {
    auth: {
      identity: { methods: ['password'], password: { user: { name, password, domain: { name: demo.domainName } } } },
      scope: { project: scope },
    },
  };
}

/** An in-memory emulator (small seed) and a signed-in token. */
export async function emulatorWithToken(
  options: EmulatorOptions = {},
  user: DemoUser = 'admin',
): Promise<EmulatorApp & { token: string }> {
  const emu = createEmulatorApp({ seedResources: 60, ...options });
  const res = await request(emu.app).post('/v3/auth/tokens').send(tokenRequest(user)).expect(201);
  const token = res.get(iamSubjectTokenHeader);
  if (!token) throw new Error('no X-Subject-Token');
  return { ...emu, token };
}

/** Headers of an Insight call in the default workspace. */
export function insightHeaders(token: string, workspaceId: string = demo.insightWorkspaceId): Record<string, string> {
  return { [authTokenHeader]: token, [workspaceIdHeader]: workspaceId };
}
