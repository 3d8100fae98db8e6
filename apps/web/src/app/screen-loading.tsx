import { useT } from '../i18n/i18n';

/** Shown while a screen's code loads on first visit. */
export function ScreenLoading() {
  const { t } = useT();
  return (
    <p role="status" className="p-6 text-sm">
      {t('shell.loading')}
    </p>
  );
}
