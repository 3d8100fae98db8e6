import type { AuditRow, Compliance, PermissionSwitch, ResourceType } from '@portico/api-types';

export interface RowFilters {
  type?: ResourceType;
  switch?: PermissionSwitch;
  /** With `switch`: only rows where it is on (`on`) or off (`off`). */
  value?: 'on' | 'off';
  finding?: Compliance;
  owner?: string;
  changedBy?: string;
  /** Epoch ms: rows whose `update_date` is at or after it. */
  changedSince?: number;
  search?: string;
}

export type SortKey = 'name' | 'resource_type' | 'owner' | 'update_date' | 'compliance';
export interface RowSort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

const contains = (value: string | undefined, needle: string) =>
  value !== undefined && value.toLowerCase().includes(needle);

function matches(row: AuditRow, f: RowFilters, search: string): boolean {
  if (f.type && row.resource_type !== f.type) return false;
  if (f.switch && f.value) {
    // A failed read has no switches, and a type without this switch has it neither on nor off.
    if (!row.switches || !(f.switch in row.switches)) return false;
    if ((row.switches[f.switch] === true) !== (f.value === 'on')) return false;
  }
  if (f.finding && row.compliance !== f.finding) return false;
  const owner = f.owner?.trim().toLowerCase();
  if (owner && !contains(row.owner_name, owner) && !contains(row.owner, owner)) return false;
  const by = f.changedBy?.trim().toLowerCase();
  if (by && !contains(row.update_user_name, by)) return false;
  if (f.changedSince !== undefined && (row.update_date === undefined || row.update_date < f.changedSince)) return false;
  if (search && !contains(row.name, search) && !contains(row.resource_id, search)) return false;
  return true;
}

const sortValue = (row: AuditRow, key: SortKey): string | number =>
  key === 'update_date'
    ? (row.update_date ?? 0)
    : key === 'owner'
      ? (row.owner_name ?? row.owner ?? '')
      : key === 'name'
        ? (row.name ?? row.resource_id)
        : row[key];

// What `localeCompare` does, without building its collator again on each of the sort's ~10⁵ calls.
const collator = new Intl.Collator();

/** A sorted copy; the ID breaks ties so the order is the same every time. */
export function sortRows(rows: readonly AuditRow[], sort: RowSort): AuditRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, sort.key);
    const y = sortValue(b, sort.key);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    return c * sign || collator.compare(a.resource_id, b.resource_id);
  });
}

/** The rows that pass every filter, in their order: filtering sorted rows keeps them sorted. */
export function filterRows(rows: readonly AuditRow[], f: RowFilters): AuditRow[] {
  const search = f.search?.trim().toLowerCase() ?? '';
  return rows.filter((r) => matches(r, f, search));
}

/**
 * One pass to filter, one sort. The matrix sorts once per sort order and filters the sorted rows
 * on each keystroke (`sortRows`, then `filterRows`): the same rows in the same order.
 */
export function filterAndSortRows(rows: readonly AuditRow[], f: RowFilters, sort: RowSort): AuditRow[] {
  return sortRows(filterRows(rows, f), sort);
}
