import type { ResourceType } from '@portico/api-types';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/button';
import { ErrorPanel } from '../../../components/ui/error-panel';
import { FormField, inputClass } from '../../../components/ui/form-field';
import { useT } from '../../../i18n/i18n';
import { useCheckResourceId } from '../api/check-resource-id';
import type { PickedResource } from '../hooks/use-picker-url-state';

/** For types upstream cannot list: the user types an ID, which is checked before it is added. */
export function ResourceIdEntry({
  workspaceId,
  type,
  onAdd,
}: {
  workspaceId: string | undefined;
  type: ResourceType;
  onAdd: (ref: PickedResource) => void;
}) {
  const { t } = useT();
  const [id, setId] = useState('');
  const check = useCheckResourceId(workspaceId);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = id.trim();
    if (!trimmed) return;
    check.mutate(
      { type, id: trimmed },
      {
        onSuccess: () => {
          onAdd({ resource_type: type, resource_id: trimmed });
          setId('');
        },
      },
    );
  };
  return (
    <form onSubmit={onSubmit} className="max-w-md space-y-2">
      <FormField label={t('picker.idEntry')} help={t('picker.idEntryHelp')}>
        <input className={inputClass} value={id} onChange={(e) => setId(e.target.value)} autoComplete="off" />
      </FormField>
      <Button type="submit" disabled={check.isPending || !id.trim()}>
        {check.isPending ? t('picker.idChecking') : t('picker.idAdd')}
      </Button>
      {check.isSuccess && (
        <p role="status" className="text-sm text-green-700 dark:text-green-300">
          {t('picker.idFound', { id: check.data.resource_id })}
        </p>
      )}
      {check.error && <ErrorPanel error={check.error} />}
    </form>
  );
}
