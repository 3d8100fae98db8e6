import { activityOperations, activityOutcomes, type ActivityOperation } from '@portico/api-types';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/button';
import { FormField, inputClass } from '../../../components/ui/form-field';
import { useT } from '../../../i18n/i18n';
import type { ActivityFilters } from '../api/list-activity';
import { filterNames } from './use-activity-filters';

// `datetime-local` speaks local wall time; the API wants ISO instants.
const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined);
function toLocal(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The activity log's filters. In a phone-sized window (below `sm`) they fold behind one button
 * that says how many are applied, so the entries start on the first screen; wider, they show.
 */
export function ActivityFiltersForm({
  filters,
  onApply,
}: {
  filters: ActivityFilters;
  onApply: (next: Record<string, string | undefined>) => void;
}) {
  const { t } = useT();
  const [unfolded, setUnfolded] = useState(false);
  const formId = useId();
  const applied = filterNames.filter((n) => filters[n] !== undefined).length;
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setUnfolded(false);
    const data = new FormData(e.currentTarget);
    const get = (k: string) => String(data.get(k) ?? '').trim() || undefined;
    onApply({
      user: get('user'),
      resource: get('resource'),
      operation: get('operation'),
      outcome: get('outcome'),
      from: toIso(get('from') ?? ''),
      to: toIso(get('to') ?? ''),
      offset: undefined,
    });
  };
  const reset = () => {
    setUnfolded(false);
    onApply({ ...Object.fromEntries(filterNames.map((n) => [n, undefined])), offset: undefined });
  };
  // Re-mount the form when the URL changes so its fields show what is applied.
  const formKey = JSON.stringify(filters);
  return (
    <div className="space-y-3">
      <Button
        className="sm:hidden"
        aria-expanded={unfolded}
        aria-controls={formId}
        onClick={() => setUnfolded((u) => !u)}
      >
        {t('activity.filtersToggle', { count: applied })}
      </Button>
      <form
        key={formKey}
        id={formId}
        onSubmit={onSubmit}
        aria-label={t('activity.filters')}
        className={`${unfolded ? 'grid' : 'hidden'} items-end gap-3 sm:grid sm:grid-cols-2 lg:grid-cols-4`}
      >
        <FormField label={t('activity.user')}>
          <input name="user" className={inputClass} defaultValue={filters.user ?? ''} />
        </FormField>
        <FormField label={t('activity.operation')}>
          <select name="operation" className={inputClass} defaultValue={filters.operation ?? ''}>
            <option value="">{t('activity.anyOperation')}</option>
            {activityOperations.map((op: ActivityOperation) => (
              <option key={op} value={op}>
                {t(`operation.${op}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t('activity.resource')}>
          <input name="resource" className={inputClass} defaultValue={filters.resource ?? ''} />
        </FormField>
        <FormField label={t('activity.outcome')}>
          <select name="outcome" className={inputClass} defaultValue={filters.outcome ?? ''}>
            <option value="">{t('activity.anyOutcome')}</option>
            {activityOutcomes.map((outcome) => (
              <option key={outcome} value={outcome}>
                {t(`activity.outcome.${outcome}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t('activity.from')}>
          <input name="from" type="datetime-local" className={inputClass} defaultValue={toLocal(filters.from)} />
        </FormField>
        <FormField label={t('activity.to')}>
          <input name="to" type="datetime-local" className={inputClass} defaultValue={toLocal(filters.to)} />
        </FormField>
        <div className="flex gap-2">
          <Button type="submit" variant="primary">
            {t('activity.apply')}
          </Button>
          <Button onClick={reset}>{t('activity.reset')}</Button>
        </div>
      </form>
    </div>
  );
}
