import type { ServerResponse } from 'node:http';
import { json, startRecordingUpstream, type RecordingUpstream, type UpstreamHandler } from './recording-upstream';
import {
  assetJob,
  connectionsPage,
  dashboardsPage,
  propertiesRecord,
  workflowsPage,
  workspacesPage,
} from './upstream-samples';

/** Every upstream call the BFF makes (besides IAM sign-in), as `method path` of the fixture ids. */
export const upstreamCalls = {
  listWorkspaces: ['GET', '/v1/proj-1/instances/inst-1/workspaces'],
  listDashboards: ['GET', '/v1/proj-1/resources/dashboard'],
  listScreens: ['GET', '/v1/proj-1/resources/screen'],
  listConnections: ['GET', '/v1/proj-1/connections'],
  listDatasets: ['GET', '/v1/proj-1/datasets'],
  readPermissions: ['GET', '/v1/proj-1/authorization/cooperate-authorization/properties'],
  savePermissions: ['POST', '/v1/proj-1/authorization/cooperate-authorization/properties'],
  exportResourcePackage: ['POST', '/v1/proj-1/resource-package/export'],
  listWorkflows: ['GET', '/v1/proj-1/workspaces/sm-ws-1/soc/workflows'],
  exportWorkflows: ['POST', '/v1/proj-1/workspaces/sm-ws-1/soc/workflows/export'],
  importAssets: ['POST', '/v2/proj-1/instances/roma-1/assets/import'],
  getJob: ['GET', '/v2/proj-1/instances/roma-1/assets/jobs/job-1'],
} as const satisfies Record<string, readonly [string, string]>;

const file = (name: string, type: string, content: string) => ({
  status: 200,
  headers: {
    'content-type': type,
    'content-disposition': `attachment; filename=${name}`,
    'content-length': String(Buffer.byteLength(content, 'latin1')),
  },
  content,
});

/**
 * Re-arms every upstream call with a spec-shaped success (after a test scripted failures);
 * `wrap` may decorate each answer (extra headers, say).
 */
export function answerEverything(
  up: RecordingUpstream,
  wrap: (h: UpstreamHandler) => UpstreamHandler = (h) => h,
): RecordingUpstream {
  const c = upstreamCalls;
  const on = (call: readonly [string, string], h: UpstreamHandler) => up.on(call[0], call[1], wrap(h));
  on(c.listWorkspaces, json(200, workspacesPage));
  on(c.listDashboards, json(200, dashboardsPage));
  on(c.listScreens, json(200, dashboardsPage));
  on(c.listConnections, json(200, connectionsPage));
  on(c.listDatasets, json(200, { count: 0, page_data: [] }));
  on(c.readPermissions, json(200, propertiesRecord({ read: true })));
  on(c.savePermissions, json(200, propertiesRecord({ read: true })));
  const answerFile =
    (f: ReturnType<typeof file>): UpstreamHandler =>
    (_req, res: ServerResponse) => {
      res.writeHead(f.status, f.headers);
      res.end(Buffer.from(f.content, 'latin1'));
    };
  on(c.exportResourcePackage, answerFile(file('pkg.zip', 'application/octet-stream', 'PK\x03\x04zip')));
  on(c.exportWorkflows, answerFile(file('workflow.json', 'application/json', '{"workflows":[]}')));
  on(c.listWorkflows, json(200, workflowsPage));
  on(c.importAssets, json(200, { job_id: 'job-1' }));
  on(c.getJob, json(200, assetJob));
  return up;
}

/** A recording upstream that answers each of the BFF's calls as the spec says. */
export async function startAnsweringUpstream(): Promise<RecordingUpstream> {
  return answerEverything(await startRecordingUpstream());
}
