import type { Env } from './env';
import { upstreamVars } from './env';

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
}

/** `undefined` when no upstream variable is set (the embedded emulator is then used). */
export function upstreamFromEnv(env: Env): UpstreamConfig | undefined {
  const set = upstreamVars.filter((k) => env[k] !== undefined);
  if (set.length === 0) return undefined;
  const missing = upstreamVars.filter((k) => env[k] === undefined);
  if (missing.length > 0) {
    throw new Error(`Invalid configuration: set all upstream variables or none; missing ${missing.join(', ')}`);
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
  };
}
