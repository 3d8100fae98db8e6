import { permissionSwitches, resourceTypes, type Compliance } from '@portico/api-types';
import type { ReactNode } from 'react';
import { useT } from '../../../i18n/i18n';
import type { RowFilters, RowSort, SortKey } from './filter-rows';

const input = 'rounded border border-slate-300 px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900';
const findings: Compliance[] = ['compliant', 'non_compliant', 'unknown'];
const sortKeys: SortKey[] = ['name', 'resource_type', 'owner', 'update_date', 'compliance'];

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <label htmlFor={id} className="text-xs font-medium">
        {label}
      </label>
      {children}
    </div>
  );
}

/** Every filter of the matrix; each change applies at once (filtering is local). */
export function AuditFilters({
  filters,
  sort,
  onFilters,
  onSort,
}: {
  filters: RowFilters;
  sort: RowSort;
  onFilters: (f: RowFilters) => void;
  onSort: (s: RowSort) => void;
}) {
  const { t } = useT();
  const set = <K extends keyof RowFilters>(k: K, v: RowFilters[K]) => onFilters({ ...filters, [k]: v || undefined });
  const day = filters.changedSince !== undefined ? new Date(filters.changedSince).toISOString().slice(0, 10) : '';
  return (
    <div className="flex flex-wrap items-end gap-2" role="group" aria-label={t('audit.filters')}>
      <Field id="af-search" label={t('audit.filter.search')}>
        <input
          id="af-search"
          type="search"
          className={input}
          value={filters.search ?? ''}
          onChange={(e) => set('search', e.target.value)}
        />
      </Field>
      <Field id="af-type" label={t('audit.filter.type')}>
        <select
          id="af-type"
          className={input}
          value={filters.type ?? ''}
          onChange={(e) => set('type', e.target.value as RowFilters['type'])}
        >
          <option value="">{t('audit.filter.any')}</option>
          {resourceTypes.map((type) => (
            <option key={type} value={type}>
              {t(`type.${type}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="af-switch" label={t('audit.filter.switch')}>
        <select
          id="af-switch"
          className={input}
          value={filters.switch ?? ''}
          onChange={(e) => set('switch', e.target.value as RowFilters['switch'])}
        >
          <option value="">{t('audit.filter.any')}</option>
          {permissionSwitches.map((s) => (
            <option key={s} value={s}>
              {t(`switch.short.${s}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="af-value" label={t('audit.filter.value')}>
        <select
          id="af-value"
          className={input}
          value={filters.value ?? ''}
          onChange={(e) => set('value', e.target.value as RowFilters['value'])}
        >
          <option value="">{t('audit.filter.any')}</option>
          <option value="on">{t('audit.on')}</option>
          <option value="off">{t('audit.off')}</option>
        </select>
      </Field>
      <Field id="af-finding" label={t('audit.filter.finding')}>
        <select
          id="af-finding"
          className={input}
          value={filters.finding ?? ''}
          onChange={(e) => set('finding', e.target.value as Compliance)}
        >
          <option value="">{t('audit.filter.any')}</option>
          {findings.map((f) => (
            <option key={f} value={f}>
              {t(`audit.compliance.${f}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="af-owner" label={t('audit.filter.owner')}>
        <input
          id="af-owner"
          className={input}
          value={filters.owner ?? ''}
          onChange={(e) => set('owner', e.target.value)}
        />
      </Field>
      <Field id="af-by" label={t('audit.filter.changedBy')}>
        <input
          id="af-by"
          className={input}
          value={filters.changedBy ?? ''}
          onChange={(e) => set('changedBy', e.target.value)}
        />
      </Field>
      <Field id="af-since" label={t('audit.filter.changedSince')}>
        <input
          id="af-since"
          type="date"
          className={input}
          value={day}
          onChange={(e) => set('changedSince', e.target.value ? Date.parse(`${e.target.value}T00:00:00Z`) : undefined)}
        />
      </Field>
      <Field id="af-sort" label={t('audit.filter.sort')}>
        <select
          id="af-sort"
          className={input}
          value={`${sort.key}:${sort.dir}`}
          onChange={(e) => {
            const [key, dir] = e.target.value.split(':') as [SortKey, RowSort['dir']];
            onSort({ key, dir });
          }}
        >
          {sortKeys.flatMap((k) =>
            (['asc', 'desc'] as const).map((d) => (
              <option key={`${k}:${d}`} value={`${k}:${d}`}>
                {t(`audit.sort.${k}`)} {t(`audit.sort.${d}`)}
              </option>
            )),
          )}
        </select>
      </Field>
    </div>
  );
}
