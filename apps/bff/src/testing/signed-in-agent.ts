import type { Express } from 'express';
import request from 'supertest';
import type { Session } from '@portico/api-types';
import { sessionHeaders } from './session-headers';

/**
 * A supertest agent holding a session cookie, and the session's CSRF token; `headers` carry
 * both for a caller outside the agent (`fetch`, `http.request` against a listening server).
 */
export async function signedInAgent(app: Express, username: string, password = 'right-password') {
  const agent = request.agent(app);
  const res = await agent.post('/api/session').send({ domain: 'portico-demo', username, password });
  if (res.status !== 201) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  const session = res.body as Session;
  const cookie = String(res.headers['set-cookie']);
  return { agent, csrf: session.csrf_token, session, cookie, headers: sessionHeaders(cookie, session.csrf_token) };
}
