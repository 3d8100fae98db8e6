import { readFileSync } from 'node:fs';
import type { SecureContext } from 'node:tls';
import { trustedUpstreamContext } from '../upstream/trusted-certificates';
import type { Env } from './env';
import { EnvError, upstreamVars } from './env';

/** Where the upstream services live and which ids the BFF fills in itself. */
export interface UpstreamConfig {
  iam: string;
  insight: string;
  secmaster: string;
  roma: string;
  projectId: string;
  insightInstanceId: string;
  insightWorkspaceId: string;
  secmasterWorkspaceId: string;
  romaInstanceId: string;
  timeoutMs: number;
  /** The CAs an https upstream's certificate may chain to, from `UPSTREAM_CA_FILE`; Node's when unset. */
  secureContext?: SecureContext;
}

/** `undefined` when no upstream variable is set (the embedded emulator is then used). */
export function upstreamFromEnv(env: Env): UpstreamConfig | undefined {
  const set = upstreamVars.filter((k) => env[k] !== undefined);
  if (set.length === 0) {
    if (env.UPSTREAM_CA_FILE !== undefined) {
      throw new EnvError(
        'Invalid configuration: UPSTREAM_CA_FILE is set, but no upstream endpoint is (the emulator is used)',
      );
    }
    return undefined;
  }
  const missing = upstreamVars.filter((k) => env[k] === undefined);
  if (missing.length > 0) {
    throw new EnvError(`Invalid configuration: set all upstream variables or none; missing ${missing.join(', ')}`);
  }
  return {
    iam: env.IAM_ENDPOINT!,
    insight: env.INSIGHT_ENDPOINT!,
    secmaster: env.SECMASTER_ENDPOINT!,
    roma: env.ROMA_ENDPOINT!,
    projectId: env.PROJECT_ID!,
    insightInstanceId: env.INSIGHT_INSTANCE_ID!,
    insightWorkspaceId: env.INSIGHT_WORKSPACE_ID!,
    secmasterWorkspaceId: env.SECMASTER_WORKSPACE_ID!,
    romaInstanceId: env.ROMA_INSTANCE_ID!,
    timeoutMs: env.UPSTREAM_TIMEOUT_MS,
    secureContext: env.UPSTREAM_CA_FILE === undefined ? undefined : upstreamCaContext(env.UPSTREAM_CA_FILE),
  };
}

function upstreamCaContext(path: string): SecureContext {
  try {
    return trustedUpstreamContext(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new EnvError(`Invalid configuration: UPSTREAM_CA_FILE (${path}): ${(e as Error).message}`, { cause: e });
  }
}
