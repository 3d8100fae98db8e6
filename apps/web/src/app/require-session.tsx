import { can, type Capability } from '@portico/api-types';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorPanel } from '../components/ui/error-panel';
import { sessionHasEnded, useSession } from '../features/session/api/get-session';
import { useT } from '../i18n/i18n';

/** Sends a visitor without a session to sign in, remembering where they were going. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { t } = useT();
  const location = useLocation();
  const session = useSession();
  if (session.isPending) return <p className="p-6 text-sm">{t('shell.loading')}</p>;
  if (session.error) return <ErrorPanel error={session.error} />;
  if (!session.data) {
    const next = encodeURIComponent(location.pathname + location.search);
    const why = sessionHasEnded() ? 'expired=1&' : '';
    return <Navigate to={`/sign-in?${why}next=${next}`} replace />;
  }
  return <>{children}</>;
}

/** Hides a screen from roles the BFF would refuse anyway. */
export function RequireCapability({ capability, children }: { capability: Capability; children: ReactNode }) {
  const { t } = useT();
  const session = useSession();
  if (session.data && !can(session.data.roles, capability)) {
    return (
      <p role="alert" className="p-6 text-sm">
        {t('error.forbidden')}
      </p>
    );
  }
  return <>{children}</>;
}
