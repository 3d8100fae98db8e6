/** Upstream bodies shaped as the specs give them, for recording-upstream tests. */
export const propertiesRecord = (switches: Record<string, boolean>, updateDate = 1_700_000_000_000) => ({
  id: 'prop-1',
  project_id: 'proj-1',
  workspace_id: 'ws-default',
  resource_id: 'dash-1',
  resource_type: 'dashboard',
  owner: 'demo-admin',
  auth_switch_config: switches,
  create_date: 1_690_000_000_000,
  create_user: 'u1',
  create_user_name: 'demo-admin',
  update_date: updateDate,
  update_user: 'u1',
  update_user_name: 'demo-admin',
});

export const dashboardsPage = {
  count: 1,
  page_data: [
    {
      id: 'dash-1',
      name: 'Sales',
      create_user_name: 'demo-admin',
      create_date: 1_690_000_000_000,
      update_user_name: 'demo-admin',
      update_date: 1_700_000_000_000,
      status: 'published',
    },
  ],
};

export const connectionsPage = {
  count: 1,
  page_data: [
    {
      id: 'conn-1',
      name: 'warehouse',
      type: 'dws',
      creation_user_name: 'demo-admin',
      creation_date: 1_690_000_000_000,
      update_user_name: 'demo-operator',
      update_date: 1_700_000_000_000,
    },
  ],
};

export const workspacesPage = {
  count: 1,
  page_data: [{ id: 'ws-default', name: 'Default', description: 'main', is_default: true, owner_name: 'x' }],
};

export const workflowsPage = {
  code: '00000000',
  message: '',
  success: true,
  total: 1,
  offset: 0,
  limit: 10,
  data: [
    {
      id: 'wf-1',
      name: 'Block IP',
      description: '',
      enabled: true,
      aop_type: 'NORMAL',
      engine_type: 'public_engine',
      version_id: 'v1',
      owner_id: 'o',
      creator_id: 'c',
      workspace_id: 'sm-ws-1',
      project_id: 'proj-1',
      dataclass_id: 'dc',
    },
  ],
};

export const assetJob = {
  id: 'job-1',
  type: 'importAsset',
  status: 'SUCCEEDED',
  progress_percent: 1,
  reasons: [],
  begin_time: '2026-01-01T00:00:00Z',
  end_time: '2026-01-01T00:00:05Z',
};
