import { ErrorPanel } from '../../../components/ui/error-panel';
import { useT } from '../../../i18n/i18n';
import { ApiError } from '../../../lib/api-error';

/** The three failures a person signing in must tell apart, in plain words. */
export function SignInError({ error }: { error: unknown }) {
  const { t } = useT();
  if (error instanceof ApiError) {
    const plain =
      error.code === 'invalid_credentials'
        ? t('signIn.invalidCredentials')
        : error.code === 'rate_limited'
          ? error.retryAfterMs !== undefined
            ? t('signIn.rateLimitedFor', { minutes: Math.max(1, Math.ceil(error.retryAfterMs / 60_000)) })
            : t('signIn.rateLimited')
          : error.code === 'upstream_unreachable' || error.code === 'upstream_timeout' || error.code === 'network_error'
            ? t('signIn.unreachable')
            : undefined;
    if (plain) return <ErrorPanel title={plain} error={error} />;
  }
  return <ErrorPanel error={error} />;
}
