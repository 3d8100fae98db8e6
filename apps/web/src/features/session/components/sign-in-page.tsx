import { useNavigate, useSearchParams } from 'react-router';
import { Button } from '../../../components/ui/button';
import { FormField, inputClass } from '../../../components/ui/form-field';
import { useT } from '../../../i18n/i18n';
import { useSignIn } from '../api/sign-in';
import { SignInError } from './sign-in-error';
import { useSignInFields } from './use-sign-in-fields';

/** Only same-app paths may be returned to after signing in. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/resources';
}

export function SignInPage() {
  const { t } = useT();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const signIn = useSignIn();
  const form = useSignInFields((values) =>
    signIn.mutate(values, { onSuccess: () => void navigate(safeNext(params.get('next')), { replace: true }) }),
  );
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 p-4 dark:bg-slate-950">
      <form
        onSubmit={form.onSubmit}
        onChange={form.onChange}
        noValidate
        aria-labelledby="sign-in-title"
        className="w-full max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900"
      >
        <h1 id="sign-in-title" className="text-lg font-semibold">
          {t('signIn.title')}
        </h1>
        {params.get('expired') === '1' && (
          <p
            role="status"
            className="rounded bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
          >
            {t('signIn.expired')}
          </p>
        )}
        <FormField
          label={t('signIn.domain')}
          error={form.invalid.has('domain') ? t('signIn.domainRequired') : undefined}
        >
          <input className={inputClass} autoComplete="organization" name="domain" />
        </FormField>
        <FormField
          label={t('signIn.username')}
          error={form.invalid.has('username') ? t('signIn.usernameRequired') : undefined}
        >
          <input className={inputClass} autoComplete="username" name="username" />
        </FormField>
        <FormField
          label={t('signIn.password')}
          error={form.invalid.has('password') ? t('signIn.passwordRequired') : undefined}
        >
          <input type="password" className={inputClass} autoComplete="current-password" name="password" />
        </FormField>
        {signIn.error && <SignInError error={signIn.error} />}
        <Button type="submit" variant="primary" className="w-full justify-center" disabled={signIn.isPending}>
          {signIn.isPending ? t('signIn.submitting') : t('signIn.submit')}
        </Button>
      </form>
    </main>
  );
}
