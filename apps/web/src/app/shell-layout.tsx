import { can, type Capability } from '@portico/api-types';
import { NavLink, Outlet, useNavigate, useNavigation } from 'react-router';
import { Button } from '../components/ui/button';
import { useSession } from '../features/session/api/get-session';
import { useSignOut } from '../features/session/api/sign-out';
import { WorkspacePicker } from '../features/workspaces/components/workspace-picker';
import { useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages.en';
import { useWorkspaceId, workspaceParam } from '../lib/use-workspace-id';
import { useSessionEndRedirect } from './use-session-end-redirect';

// Each link names the capability its screen needs, so a role never sees a door the BFF would shut.
const navItems: { to: string; label: MessageKey; capability: Capability }[] = [
  { to: '/resources', label: 'nav.resources', capability: 'readPermissions' },
  { to: '/export', label: 'nav.export', capability: 'useOperations' },
  { to: '/import', label: 'nav.import', capability: 'useOperations' },
  { to: '/audit', label: 'nav.audit', capability: 'runAudits' },
  { to: '/activity', label: 'nav.activity', capability: 'readActivity' },
];

export function ShellLayout() {
  const { t } = useT();
  useSessionEndRedirect();
  const session = useSession().data;
  const workspaceId = useWorkspaceId();
  const signOut = useSignOut();
  const navigate = useNavigate();
  // A screen's code loads on its first visit: until it has, the link says so, a bar runs under
  // the header, and the screen being left is dimmed and inert, so a click on it cannot take the
  // user somewhere else than where they asked to go.
  const leaving = useNavigation().state === 'loading';
  // Navigation keeps the workspace; each screen's own filters stay with that screen.
  const suffix = workspaceId ? `?${workspaceParam}=${encodeURIComponent(workspaceId)}` : '';
  return (
    <div className="flex min-h-screen flex-col bg-slate-50 dark:bg-slate-950">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
        {t('app.skip')}
      </a>
      <header className="flex flex-wrap items-center gap-4 border-b border-slate-200 bg-white px-4 py-2 dark:border-slate-800 dark:bg-slate-900">
        <span className="text-base font-semibold">{t('app.name')}</span>
        <nav aria-label={t('nav.label')}>
          <ul className="flex gap-1">
            {navItems
              .filter((item) => !item.capability || (session && can(session.roles, item.capability)))
              .map((item) => (
                <li key={item.to}>
                  <NavLink
                    to={item.to + suffix}
                    className={({ isActive, isPending }) =>
                      `rounded px-3 py-1.5 text-sm ${isActive ? 'bg-blue-50 font-semibold text-blue-700 dark:bg-blue-950 dark:text-blue-200' : isPending ? 'bg-slate-100 motion-safe:animate-pulse text-blue-700 dark:bg-slate-800 dark:text-blue-200' : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'}`
                    }
                  >
                    {t(item.label)}
                  </NavLink>
                </li>
              ))}
          </ul>
        </nav>
        <div className="ml-auto flex flex-wrap items-center justify-end gap-x-4 gap-y-2">
          <WorkspacePicker />
          {session && (
            <div className="text-right text-xs">
              <div>{t('shell.signedInAs', { name: session.user.name, domain: session.user.domain })}</div>
              <div className="text-slate-600 dark:text-slate-400">
                {t('shell.role', { roles: session.roles.map((r) => t(`role.${r}`)).join(', ') })}
              </div>
            </div>
          )}
          <Button
            variant="ghost"
            onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in') })}
          >
            {t('shell.signOut')}
          </Button>
        </div>
      </header>
      <div className="h-0.5">
        {leaving && (
          <div
            role="progressbar"
            aria-label={t('shell.loadingScreen')}
            className="h-full w-full bg-blue-600 motion-safe:animate-pulse dark:bg-blue-400"
          />
        )}
      </div>
      <main
        id="main"
        aria-busy={leaving || undefined}
        inert={leaving}
        className={`mx-auto w-full max-w-7xl flex-1 p-4 transition-opacity ${leaving ? 'opacity-60' : ''}`}
      >
        <Outlet />
      </main>
    </div>
  );
}
