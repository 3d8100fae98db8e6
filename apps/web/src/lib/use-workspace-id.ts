import { useSearchParams } from 'react-router';

/** The workspace lives in the URL (`?ws=`) so links and reloads keep it. */
export const workspaceParam = 'ws';
export const workspaceStorageKey = 'portico.workspace';

export function useWorkspaceId(): string | undefined {
  const [params] = useSearchParams();
  return params.get(workspaceParam) ?? undefined;
}
