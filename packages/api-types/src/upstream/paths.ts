/** Upstream paths, built in one place for the BFF (which calls them) and the emulator (which serves them). */
const enc = encodeURIComponent;

export const upstreamPaths = {
  iam: {
    tokens: () => '/v3/auth/tokens',
    projects: () => '/v3/projects',
  },
  insight: {
    workspaces: (projectId: string, instanceId: string) =>
      `/v1/${enc(projectId)}/instances/${enc(instanceId)}/workspaces`,
    dashboards: (projectId: string, kind: 'dashboard' | 'screen') => `/v1/${enc(projectId)}/resources/${kind}`,
    connections: (projectId: string) => `/v1/${enc(projectId)}/connections`,
    datasets: (projectId: string) => `/v1/${enc(projectId)}/datasets`,
    properties: (projectId: string) => `/v1/${enc(projectId)}/authorization/cooperate-authorization/properties`,
    exportResourcePackage: (projectId: string) => `/v1/${enc(projectId)}/resource-package/export`,
  },
  secmaster: {
    workflows: (projectId: string, workspaceId: string) =>
      `/v1/${enc(projectId)}/workspaces/${enc(workspaceId)}/soc/workflows`,
    exportWorkflows: (projectId: string, workspaceId: string) =>
      `/v1/${enc(projectId)}/workspaces/${enc(workspaceId)}/soc/workflows/export`,
  },
  roma: {
    importAssets: (projectId: string, instanceId: string) =>
      `/v2/${enc(projectId)}/instances/${enc(instanceId)}/assets/import`,
    exportAssets: (projectId: string, instanceId: string) =>
      `/v2/${enc(projectId)}/instances/${enc(instanceId)}/assets/export`,
    job: (projectId: string, instanceId: string, jobId: string) =>
      `/v2/${enc(projectId)}/instances/${enc(instanceId)}/assets/jobs/${enc(jobId)}`,
    archive: (projectId: string, instanceId: string, archiveId: string) =>
      `/v2/${enc(projectId)}/instances/${enc(instanceId)}/assets/archives/${enc(archiveId)}`,
  },
} as const;
