import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { setSessionEndHandler } from '../lib/api-client';

/**
 * Any 401 `session_expired`/`unauthenticated` sends the user to sign in, then back here.
 * The cached session is left alone: clearing it here would race the navigation and let the
 * guard redirect without saying why; signing in replaces it anyway.
 */
export function useSessionEndRedirect(): void {
  const navigate = useNavigate();
  const location = useLocation();
  const here = location.pathname + location.search;
  useEffect(() => {
    setSessionEndHandler(() => {
      void navigate(`/sign-in?expired=1&next=${encodeURIComponent(here)}`, { replace: true });
    });
    return () => setSessionEndHandler(undefined);
  }, [navigate, here]);
}
