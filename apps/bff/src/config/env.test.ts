import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';
import { upstreamFromEnv } from './upstream-config';

describe('parseEnv', () => {
  it('applies defaults with nothing set', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(8080);
    expect(env.IMPORT_MAX_BYTES).toBe(512 * 1024 * 1024);
    expect(env.DEFAULT_ROLE).toBe('operator');
    expect(env.ROLE_MAP['demo-auditor']).toBe('auditor');
    expect(upstreamFromEnv(env)).toBeUndefined();
  });

  it('lists every bad variable in one message', () => {
    expect(() => parseEnv({ PORT: 'abc', IAM_ENDPOINT: 'not a url', DEFAULT_ROLE: 'root' })).toThrow(
      /PORT[\s\S]*IAM_ENDPOINT[\s\S]*DEFAULT_ROLE|PORT[\s\S]*DEFAULT_ROLE[\s\S]*IAM_ENDPOINT/,
    );
  });

  it('refuses a half-configured upstream', () => {
    expect(() => upstreamFromEnv(parseEnv({ IAM_ENDPOINT: 'https://iam.example.com' }))).toThrow(
      /missing INSIGHT_ENDPOINT/,
    );
  });

  it('parses the role map and strips trailing slashes', () => {
    const env = parseEnv({ ROLE_MAP: 'alice=admin, bob=auditor', IAM_ENDPOINT: 'https://x.test/' });
    expect(env.ROLE_MAP).toEqual({ alice: 'admin', bob: 'auditor' });
    expect(env.IAM_ENDPOINT).toBe('https://x.test');
    expect(() => parseEnv({ ROLE_MAP: 'alice=root' })).toThrow(/ROLE_MAP/);
  });
});
