import type { PermissionsRecord } from '@portico/api-types';
import { Button } from '../../../components/ui/button';
import { useT } from '../../../i18n/i18n';

/** Someone else saved first: say who and when, then let the user choose. */
export function ConflictNotice({
  current,
  onOverwrite,
  onReload,
}: {
  current: PermissionsRecord;
  onOverwrite: () => void;
  onReload: () => void;
}) {
  const { t, formatDate } = useT();
  return (
    <div
      role="alertdialog"
      aria-labelledby="conflict-title"
      className="space-y-2 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50"
    >
      <p id="conflict-title" className="font-medium">
        {t('permissions.conflict', { user: current.update_user_name, date: formatDate(current.update_date) })}
      </p>
      <div className="flex gap-2">
        <Button variant="primary" onClick={onOverwrite}>
          {t('permissions.overwrite')}
        </Button>
        <Button onClick={onReload}>{t('permissions.reload')}</Button>
      </div>
    </div>
  );
}
