/** Query keys of the audit feature: `all → lists → list(ws) → details → detail(id)`, plus policy and drift. */
export const auditKeys = {
  all: ['audits'] as const,
  lists: () => [...auditKeys.all, 'list'] as const,
  list: (workspaceId: string | undefined) => [...auditKeys.lists(), { workspaceId }] as const,
  details: () => [...auditKeys.all, 'detail'] as const,
  detail: (id: string) => [...auditKeys.details(), id] as const,
  policy: () => [...auditKeys.all, 'policy'] as const,
  drift: (from: string, to: string) => [...auditKeys.all, 'drift', { from, to }] as const,
};
