import { demo } from './demo';

/** The BFF's upstream variables that point it at an emulator at `url` and its demo ids. */
export function bffUpstreamEnv(url: string): Record<string, string> {
  return {
    IAM_ENDPOINT: url,
    INSIGHT_ENDPOINT: url,
    SECMASTER_ENDPOINT: url,
    ROMA_ENDPOINT: url,
    PROJECT_ID: demo.projectId,
    INSIGHT_INSTANCE_ID: demo.insightInstanceId,
    INSIGHT_WORKSPACE_ID: demo.insightWorkspaceId,
    SECMASTER_WORKSPACE_ID: demo.secmasterWorkspaceId,
    ROMA_INSTANCE_ID: demo.romaInstanceId,
  };
}
