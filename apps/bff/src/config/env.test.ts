import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loopbackCertificatePath } from '../testing/raw-upstream';
import { EnvError, envSchema, parseEnv } from './env';
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
    // An EnvError: the start prints its message alone, not a stack.
    expect(() => upstreamFromEnv(parseEnv({ IAM_ENDPOINT: 'https://iam.example.com' }))).toThrow(EnvError);
  });

  it('trusts the CA certificates of UPSTREAM_CA_FILE for the upstreams, and refuses a file it cannot use', () => {
    const upstreams = {
      IAM_ENDPOINT: 'https://iam.example.com',
      INSIGHT_ENDPOINT: 'https://insight.example.com',
      SECMASTER_ENDPOINT: 'https://secmaster.example.com',
      ROMA_ENDPOINT: 'https://roma.example.com',
      PROJECT_ID: 'p',
      INSIGHT_INSTANCE_ID: 'i',
      INSIGHT_WORKSPACE_ID: 'w',
      SECMASTER_WORKSPACE_ID: 'w',
      ROMA_INSTANCE_ID: 'r',
    };
    expect(upstreamFromEnv(parseEnv(upstreams))?.secureContext).toBeUndefined();
    const ca = fileURLToPath(loopbackCertificatePath);
    expect(upstreamFromEnv(parseEnv({ ...upstreams, UPSTREAM_CA_FILE: ca }))?.secureContext).toBeDefined();
    expect(() => upstreamFromEnv(parseEnv({ ...upstreams, UPSTREAM_CA_FILE: '/no/such/ca.pem' }))).toThrow(
      /UPSTREAM_CA_FILE \(\/no\/such\/ca\.pem\): ENOENT/,
    );
    const notPem = fileURLToPath(new URL(import.meta.url));
    expect(() => upstreamFromEnv(parseEnv({ ...upstreams, UPSTREAM_CA_FILE: notPem }))).toThrow(
      /UPSTREAM_CA_FILE .*holds no PEM certificate/,
    );
    // With no upstream set, the emulator answers over plain http: a CA file would do nothing.
    expect(() => upstreamFromEnv(parseEnv({ UPSTREAM_CA_FILE: ca }))).toThrow(
      /UPSTREAM_CA_FILE is set, but no upstream/,
    );
    for (const bad of [{ UPSTREAM_CA_FILE: ca }, { ...upstreams, UPSTREAM_CA_FILE: '/no/such/ca.pem' }]) {
      expect(() => upstreamFromEnv(parseEnv(bad))).toThrow(EnvError);
    }
  });

  it('parses the role map and strips trailing slashes', () => {
    const env = parseEnv({ ROLE_MAP: 'alice=admin, bob=auditor', IAM_ENDPOINT: 'https://x.test/' });
    expect(env.ROLE_MAP).toEqual({ alice: 'admin', bob: 'auditor' });
    expect(env.IAM_ENDPOINT).toBe('https://x.test');
    expect(() => parseEnv({ ROLE_MAP: 'alice=root' })).toThrow(/ROLE_MAP/);
  });

  it('takes the trusted proxies as addresses or a hop count, and refuses trusting everyone', () => {
    expect(parseEnv({}).TRUST_PROXY).toBeUndefined();
    expect(parseEnv({ TRUST_PROXY: 'loopback, 10.0.0.0/8 ,192.0.2.7,fd00::/8' }).TRUST_PROXY).toEqual([
      'loopback',
      '10.0.0.0/8',
      '192.0.2.7',
      'fd00::/8',
    ]);
    expect(parseEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(() => parseEnv({ TRUST_PROXY: 'true' })).toThrow(
      /TRUST_PROXY: "true" is not accepted: name the proxies' addresses/,
    );
    expect(() => parseEnv({ TRUST_PROXY: '0' })).toThrow(/TRUST_PROXY: a hop count is 1 to 16/);
    expect(() => parseEnv({ TRUST_PROXY: 'loopback,proxy.internal' })).toThrow(
      /TRUST_PROXY: invalid IP address: proxy.internal/,
    );
    expect(() => parseEnv({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(
      /TRUST_PROXY: invalid range on address: 10.0.0.0\/33/,
    );
    expect(() => parseEnv({ TRUST_PROXY: ' , ' })).toThrow(/TRUST_PROXY: no address named/);
  });

  it('documents every variable in the README and in .env.example', () => {
    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../../../../.env.example', import.meta.url), 'utf8');
    for (const name of Object.keys(envSchema.shape)) {
      expect(readme, name).toContain(`| \`${name}\` |`);
      expect(example, name).toMatch(new RegExp(`^${name}=`, 'm'));
    }
  });
});
