import type { AuditRow, AuditTypeCounts } from '@portico/api-types';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useT } from '../../../i18n/i18n';
import { AuditFilters } from './audit-filters';
import { AuditMatrix } from './audit-matrix';
import { AuditSummary } from './audit-summary';
import { BulkFixPanel } from './bulk-fix-panel';
import { FailedReads } from './failed-reads';
import { filterRows, sortRows, type RowFilters, type RowSort } from './filter-rows';
import { rowKey } from './row-key';

/** The audit view: summary, failed reads, filters, the matrix and (admins, stored audits) bulk fix. */
export function AuditResults({
  rows,
  counts,
  auditId,
  canFix,
  onFixed,
}: {
  rows: readonly AuditRow[];
  counts?: Record<string, AuditTypeCounts>;
  /** Set for a stored audit: only those can be fixed. */
  auditId?: string;
  canFix: boolean;
  onFixed?: () => void;
}) {
  const { t, formatNumber } = useT();
  const [filters, setFilters] = useState<RowFilters>({});
  const [sort, setSort] = useState<RowSort>({ key: 'name', dir: 'asc' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // Typing stays responsive at 10 000 rows: the matrix catches up a frame later. Rows are sorted
  // when the rows or the order change, not on each keystroke, which only filters them.
  const deferred = useDeferredValue(filters);
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);
  const shown = useMemo(() => filterRows(sorted, deferred), [sorted, deferred]);
  const fixable = canFix && auditId !== undefined;
  // Stable, so the memoised matrix is not drawn again while only the filter inputs change.
  const toggle = useCallback(
    (row: AuditRow) =>
      setSelected((s) => {
        const next = new Set(s);
        if (!next.delete(rowKey(row))) next.add(rowKey(row));
        return next;
      }),
    [],
  );
  const selectShown = () => setSelected(new Set(shown.filter((r) => r.compliance === 'non_compliant').map(rowKey)));
  const selectedRows = useMemo(
    () => (selected.size === 0 ? [] : rows.filter((r) => selected.has(rowKey(r)))),
    [rows, selected],
  );
  return (
    <div className="space-y-3">
      {counts && <AuditSummary counts={counts} />}
      <FailedReads rows={rows} />
      <AuditFilters filters={filters} sort={sort} onFilters={setFilters} onSort={setSort} />
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span role="status">
          {t('audit.matrix.shown', { shown: formatNumber(shown.length), total: formatNumber(rows.length) })}
        </span>
        {fixable && (
          <button type="button" className="underline" onClick={selectShown}>
            {t('audit.matrix.selectShown')}
          </button>
        )}
      </div>
      <AuditMatrix rows={shown} selectable={fixable} selected={selected} onToggle={toggle} />
      {fixable && (
        <BulkFixPanel
          auditId={auditId}
          selected={selectedRows}
          onDone={() => {
            setSelected(new Set());
            onFixed?.();
          }}
        />
      )}
    </div>
  );
}
