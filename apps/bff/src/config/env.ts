import proxyaddr from 'proxy-addr';
import { z } from 'zod';
import { roleSchema } from '@portico/api-types';
import { defaultRetryPolicy } from '../features/audits/retry';
import { defaultSweepConcurrency, defaultSweepRatePerSecond } from '../features/audits/sweep-options';

const mib = 1024 * 1024;
const url = z.url().transform((u) => u.replace(/\/+$/, ''));
const int = (def: number) => z.coerce.number().int().positive().default(def);

/** Maps `NAME=role,NAME=role` to a record; roles are checked against the contract. */
const roleMap = z
  .string()
  .default('demo-admin=admin,demo-operator=operator,demo-auditor=auditor')
  .transform((s, ctx) => {
    const out: Record<string, z.infer<typeof roleSchema>> = {};
    for (const pair of s
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const [name, role] = pair.split('=');
      const parsed = roleSchema.safeParse(role?.trim());
      if (!name || !parsed.success) {
        ctx.addIssue({ code: 'custom', message: `bad entry "${pair}" (want user=role)` });
        return z.NEVER;
      }
      out[name.trim()] = parsed.data;
    }
    return out;
  });

/**
 * Express's `trust proxy`, for a BFF behind reverse proxies: which peers may say, in
 * `X-Forwarded-For` and `X-Forwarded-Proto`, who the client is and whether it came over https.
 * Either the proxies' addresses (IPs, CIDR ranges, or `loopback`, `linklocal`, `uniquelocal`,
 * comma-separated) or how many proxies stand in front (a hop count). Trusting every peer
 * (`true`) is refused: a client reaching the BFF directly could then name any address as its own.
 */
const trustProxy = z.string().transform((s, ctx): number | string[] => {
  const value = s.trim();
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops >= 1 && hops <= 16) return hops;
    ctx.addIssue({
      code: 'custom',
      message: `a hop count is 1 to 16 (got ${value}); leave it unset when no proxy stands in front`,
    });
    return z.NEVER;
  }
  if (/^(true|false|yes|no|on|off)$/i.test(value)) {
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" is not accepted: name the proxies' addresses (e.g. loopback or 10.0.0.0/8) or their number, or leave it unset`,
    });
    return z.NEVER;
  }
  const addresses = value
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  try {
    if (addresses.length === 0) throw new Error('no address named');
    proxyaddr.compile(addresses);
  } catch (e) {
    ctx.addIssue({
      code: 'custom',
      message: `${(e as Error).message} (want IPs, CIDR ranges, loopback, linklocal or uniquelocal)`,
    });
    return z.NEVER;
  }
  return addresses;
});

export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_ORIGIN: url.optional(),
  TRUST_PROXY: trustProxy.optional(),
  IAM_ENDPOINT: url.optional(),
  INSIGHT_ENDPOINT: url.optional(),
  SECMASTER_ENDPOINT: url.optional(),
  ROMA_ENDPOINT: url.optional(),
  PROJECT_ID: z.string().min(1).optional(),
  INSIGHT_INSTANCE_ID: z.string().min(1).optional(),
  INSIGHT_WORKSPACE_ID: z.string().min(1).optional(),
  SECMASTER_WORKSPACE_ID: z.string().min(1).optional(),
  ROMA_INSTANCE_ID: z.string().min(1).optional(),
  DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().default('./.data'),
  WEB_DIST_DIR: z.string().default('../web/dist'),
  ROLE_MAP: roleMap,
  DEFAULT_ROLE: roleSchema.default('operator'),
  SESSION_IDLE_TIMEOUT_MS: int(30 * 60 * 1000),
  // Bounds an upstream call's headers, then each silence between the bytes of its body.
  UPSTREAM_TIMEOUT_MS: int(30_000),
  /** PEM file of the CA certificates (besides Node's) that https upstreams' certificates may chain to. */
  UPSTREAM_CA_FILE: z.string().min(1).optional(),
  IMPORT_MAX_BYTES: int(512 * mib),
  IMPORT_IDLE_TIMEOUT_MS: int(60_000),
  JSON_BODY_MAX_BYTES: int(1 * mib),
  SIGNIN_MAX_FAILURES: int(5),
  SIGNIN_MAX_FAILURES_PER_ADDRESS: int(20),
  SIGNIN_WINDOW_MS: int(15 * 60 * 1000),
  /** Upstream reads (and fix saves) an audit keeps in flight at once. */
  AUDIT_CONCURRENCY: int(defaultSweepConcurrency),
  /** Upstream requests per second an audit or bulk fix may send, retries included. */
  AUDIT_RATE_PER_SECOND: int(defaultSweepRatePerSecond),
  /** Tries per resource, the first included, before its row is marked failed. */
  AUDIT_MAX_ATTEMPTS: int(defaultRetryPolicy.maxAttempts),
  /** After SIGTERM, how long requests in flight (a download, an upload) may run on before they are cut. */
  SHUTDOWN_GRACE_MS: int(10_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

/** Parses the environment; the thrown message lists every bad variable at once. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

export const upstreamVars = [
  'IAM_ENDPOINT',
  'INSIGHT_ENDPOINT',
  'SECMASTER_ENDPOINT',
  'ROMA_ENDPOINT',
  'PROJECT_ID',
  'INSIGHT_INSTANCE_ID',
  'INSIGHT_WORKSPACE_ID',
  'SECMASTER_WORKSPACE_ID',
  'ROMA_INSTANCE_ID',
] as const;

/** The only read of `process.env` in the BFF. */
export function loadEnv(): Env {
  return parseEnv(process.env);
}
