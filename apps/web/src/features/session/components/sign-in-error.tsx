import { ErrorPanel } from '../../../components/ui/error-panel';
import { useT, type Translator } from '../../../i18n/i18n';
import { ApiError } from '../../../lib/api-error';

/** The plain words for a failure a person signing in must tell apart, if it is one. */
function plainWords(error: ApiError, t: Translator['t']): string | undefined {
  switch (error.code) {
    case 'invalid_credentials':
      return t('signIn.invalidCredentials');
    case 'rate_limited':
      // How long, from the BFF's Retry-After, in minutes rounded up.
      return error.retryAfterMs === undefined
        ? t('signIn.rateLimited')
        : t('signIn.rateLimitedFor', { minutes: Math.max(1, Math.ceil(error.retryAfterMs / 60_000)) });
    case 'upstream_unreachable':
    case 'upstream_timeout':
    case 'network_error':
      return t('signIn.unreachable');
    case 'service_unavailable':
      // The BFF's own store (its database) is away: nothing to do with the account.
      return t('signIn.unavailable');
    default:
      return undefined;
  }
}

/** The failures a person signing in must tell apart, in plain words. */
export function SignInError({ error }: { error: unknown }) {
  const { t } = useT();
  const plain = error instanceof ApiError ? plainWords(error, t) : undefined;
  return plain ? <ErrorPanel title={plain} error={error} /> : <ErrorPanel error={error} />;
}
