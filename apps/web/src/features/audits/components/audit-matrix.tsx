import { permissionSwitches, type AuditRow } from '@portico/api-types';
import { memo, useRef } from 'react';
import { useFixedRows } from '../../../components/ui/use-fixed-rows';
import { useT } from '../../../i18n/i18n';
import { rowKey } from './row-key';

const rowHeight = 36;
const viewHeight = 420;
const cols =
  'grid grid-cols-[2rem_minmax(10rem,2fr)_7rem_8rem_repeat(4,3.5rem)_8rem_11rem_8rem] items-center gap-2 px-2';

/**
 * Resources × switches, virtualised: only the visible rows are in the DOM, so 10 000 rows
 * scroll smoothly. Rows the user may fix (non-compliant, admins) carry a checkbox. Memoised: a
 * keystroke in the filters draws it again only once the filtered rows have changed.
 */
export const AuditMatrix = memo(function AuditMatrix({
  rows,
  selectable,
  selected,
  onToggle,
}: {
  rows: readonly AuditRow[];
  selectable: boolean;
  selected: ReadonlySet<string>;
  onToggle: (row: AuditRow) => void;
}) {
  const { t, formatDate } = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { rows: visible, totalSize } = useFixedRows({ count: rows.length, rowHeight, scrollRef, viewHeight });
  return (
    // One scroll box for the header and the rows, so that in a window narrower than the columns
    // both scroll sideways together; the header stays on top when scrolling down.
    <div
      ref={scrollRef}
      tabIndex={0}
      role="region"
      aria-label={t('audit.matrix.rows')}
      style={{ height: viewHeight }}
      className="overflow-auto rounded border border-slate-200 text-sm dark:border-slate-700"
    >
      <div role="table" aria-label={t('audit.matrix.label')} aria-rowcount={rows.length + 1} className="min-w-max">
        <div role="rowgroup" className="sticky top-0 z-10">
          <div
            role="row"
            aria-rowindex={1}
            className={`${cols} border-b border-slate-200 bg-slate-100 py-1 text-xs font-semibold dark:border-slate-700 dark:bg-slate-800`}
          >
            <span role="columnheader">
              <span className="sr-only">{t('audit.matrix.select')}</span>
            </span>
            <span role="columnheader">{t('audit.matrix.resource')}</span>
            <span role="columnheader">{t('audit.matrix.type')}</span>
            <span role="columnheader">{t('audit.matrix.owner')}</span>
            {permissionSwitches.map((s) => (
              <span role="columnheader" key={s}>
                {t(`switch.short.${s}`)}
              </span>
            ))}
            <span role="columnheader">{t('audit.matrix.changedBy')}</span>
            <span role="columnheader">{t('audit.matrix.changedAt')}</span>
            <span role="columnheader">{t('audit.matrix.finding')}</span>
          </div>
        </div>
        <div role="rowgroup">
          {rows.length === 0 && <p className="p-2">{t('audit.matrix.empty')}</p>}
          <div className="relative w-full" style={{ height: totalSize }}>
            {visible.map((v) => {
              const row = rows[v.index];
              if (!row) return null;
              const name = row.name ?? row.resource_id;
              return (
                <div
                  key={rowKey(row)}
                  role="row"
                  aria-rowindex={v.index + 2}
                  className={`${cols} absolute left-0 w-full border-b border-slate-100 dark:border-slate-800`}
                  style={{ height: v.size, transform: `translateY(${v.start}px)` }}
                >
                  <span role="cell">
                    {selectable && row.compliance === 'non_compliant' && (
                      <input
                        type="checkbox"
                        aria-label={t('audit.matrix.selectRow', { name })}
                        checked={selected.has(rowKey(row))}
                        onChange={() => onToggle(row)}
                      />
                    )}
                  </span>
                  <span role="cell" className="truncate" title={row.resource_id}>
                    {name}
                  </span>
                  <span role="cell">{t(`type.${row.resource_type}`)}</span>
                  <span role="cell" className="truncate">
                    {row.owner_name ?? row.owner ?? ''}
                  </span>
                  {permissionSwitches.map((s) => (
                    <span role="cell" key={s}>
                      {row.switches && s in row.switches ? (row.switches[s] ? t('audit.on') : t('audit.off')) : ''}
                    </span>
                  ))}
                  <span role="cell" className="truncate">
                    {row.update_user_name ?? ''}
                  </span>
                  <span role="cell">{row.update_date !== undefined ? formatDate(row.update_date) : ''}</span>
                  <span
                    role="cell"
                    className={row.compliance === 'non_compliant' ? 'font-semibold text-red-700 dark:text-red-300' : ''}
                    title={row.findings.map((f) => f.message).join('; ')}
                  >
                    {row.status === 'failed' ? t('audit.matrix.readFailed') : t(`audit.compliance.${row.compliance}`)}
                  </span>
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
});
