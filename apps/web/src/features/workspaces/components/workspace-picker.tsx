import { useEffect } from 'react';
import { useNavigation, useSearchParams } from 'react-router';
import { fieldClass } from '../../../components/ui/form-field';
import { useT } from '../../../i18n/i18n';
import { workspaceParam, workspaceStorageKey } from '../../../lib/use-workspace-id';
import { useWorkspaces } from '../api/list-workspaces';

/** URL parameters that name resources of one workspace (the resource picker's). */
export const workspaceScopedParams = ['sel', 'open', 'q'] as const;

/** Picks the DataArts Insight workspace; kept in the URL, and remembered for the next visit. */
export function WorkspacePicker() {
  const { t } = useT();
  const [params, setParams] = useSearchParams();
  const { data } = useWorkspaces();
  const current = params.get(workspaceParam);
  // Writing `?ws=` is a navigation of its own: while another one is on its way (a screen whose
  // code is still loading), it would cancel that one and leave the user where they were.
  const navigating = useNavigation().state !== 'idle';

  useEffect(() => {
    if (navigating || !data || (current && data.items.some((w) => w.id === current))) return;
    const remembered = localStorage.getItem(workspaceStorageKey);
    const pick = data.items.find((w) => w.id === remembered) ?? data.items.find((w) => w.is_default) ?? data.items[0];
    if (pick) {
      setParams(
        (p) => {
          p.set(workspaceParam, pick.id);
          return p;
        },
        { replace: true },
      );
    }
  }, [navigating, data, current, setParams]);

  useEffect(() => {
    if (current) localStorage.setItem(workspaceStorageKey, current);
  }, [current]);

  return (
    <label className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
      <span className="whitespace-nowrap text-slate-600 dark:text-slate-300">{t('workspace.label')}</span>
      <select
        className={`${fieldClass} w-64 max-w-full`}
        value={current ?? ''}
        onChange={(e) =>
          setParams((p) => {
            p.set(workspaceParam, e.target.value);
            // Picks, the opened resource and the search belong to the old workspace's resources.
            for (const stale of workspaceScopedParams) p.delete(stale);
            return p;
          })
        }
      >
        {!data?.items.length && <option value="">{t('workspace.none')}</option>}
        {data?.items.map((w) => (
          <option key={w.id} value={w.id}>
            {w.is_default ? t('workspace.default', { name: w.name }) : w.name}
          </option>
        ))}
      </select>
    </label>
  );
}
