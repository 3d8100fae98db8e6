import type {
  ActivityEntry,
  PermissionsRecord,
  ResourceSummary,
  ResourceType,
  WorkflowSummary,
  WorkspaceSummary,
} from '@portico/api-types';

export const demoAccount = { domain: 'demo', username: 'operator', password: 'portico-demo' };

export const seedWorkspaces: WorkspaceSummary[] = [
  { id: 'ws-default', name: 'Analytics', is_default: true },
  { id: 'ws-finance', name: 'Finance' },
];

/** `count` dashboards and a few of each other listable type, names easy to search. */
export function seedResources(count: number): ResourceSummary[] {
  const out: ResourceSummary[] = [];
  for (let i = 1; i <= count; i += 1) {
    const n = String(i).padStart(5, '0');
    out.push({
      id: `dash-${n}`,
      name: `Sales dashboard ${n}`,
      resource_type: 'dashboard',
      update_user_name: 'alice',
      update_date: 1_763_000_000_000,
    });
  }
  for (const type of ['screen', 'datasource', 'dataset'] as const) {
    for (let i = 1; i <= 3; i += 1) out.push({ id: `${type}-${i}`, name: `${type} ${i}`, resource_type: type });
  }
  return out;
}

/** IDs of the types without a list API that the fake knows. */
export const knownUnlistedIds: Partial<Record<ResourceType, string[]>> = {
  metric: ['metric-1'],
  portal: ['portal-1'],
};

export function seedPermissions(type: ResourceType, id: string): PermissionsRecord {
  return {
    id: `perm-${id}`,
    project_id: 'p-1',
    workspace_id: 'ws-default',
    resource_id: id,
    resource_type: type,
    owner: 'alice',
    auth_switch_config: { read: true },
    create_date: 1_762_000_000_000,
    create_user: 'u-alice',
    create_user_name: 'alice',
    update_date: 1_763_000_000_000,
    update_user: 'u-alice',
    update_user_name: 'alice',
  };
}

const aopTypes = ['NORMAL', 'SURVEY', 'HEMOSTASIS', 'EASE'] as const;

/** Three named workflows, then `Workflow 0004`… up to `count`, the types taking turns. */
export function seedWorkflows(count = 3): WorkflowSummary[] {
  const names = Array.from({ length: count }, (_, i) =>
    i < 3 ? ['Block IP', 'Isolate host', 'Notify on-call'][i]! : `Workflow ${String(i + 1).padStart(4, '0')}`,
  );
  return names.map((name, i) => ({
    id: `wf-${i + 1}`,
    name,
    description: `${name} playbook`,
    enabled: true,
    aop_type: i < 3 ? 'NORMAL' : aopTypes[i % aopTypes.length]!,
    engine_type: 'public_engine',
    version_id: `v-${i + 1}`,
    owner_id: 'u-1',
    creator_id: 'u-1',
    workspace_id: 'sm-ws',
    project_id: 'p-1',
    dataclass_id: 'dc-1',
  }));
}

export function seedActivity(): ActivityEntry[] {
  return [
    {
      id: 'a-1',
      at: '2026-11-20T10:00:00.000Z',
      user: 'alice',
      operation: 'permissions.save',
      target: 'dashboard/dash-00001',
      outcome: 'success',
      request_id: 'r-a1',
    },
    {
      id: 'a-2',
      at: '2026-11-21T10:00:00.000Z',
      user: 'bob',
      operation: 'workflows.export',
      target: 'wf-1',
      outcome: 'failure',
      request_id: 'r-a2',
      error_code: 'SecMaster.20048006',
    },
  ];
}
