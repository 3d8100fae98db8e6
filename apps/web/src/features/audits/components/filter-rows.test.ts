import { describe, expect, it } from 'vitest';
import { auditRow, failedRow } from '../testing/audit-rows';
import { filterAndSortRows } from './filter-rows';

const rows = [
  auditRow({ resource_id: 'ds-1', name: 'Sales', switches: { use: true, edit: false }, update_date: 100 }),
  auditRow({
    resource_id: 'ds-2',
    name: 'Orders',
    owner_name: 'alice',
    switches: { use: true, edit: true },
    update_user_name: 'bob',
    update_date: 300,
    compliance: 'non_compliant',
  }),
  auditRow({
    resource_type: 'dashboard',
    resource_id: 'db-1',
    name: 'Board',
    switches: { read: false },
    update_date: 200,
  }),
  failedRow('db-9'),
];
const ids = (r: { resource_id: string }[]) => r.map((x) => x.resource_id);
const byName = { key: 'name', dir: 'asc' } as const;

describe('filterAndSortRows', () => {
  it('filters by type, switch value, finding, owner, changer and date', () => {
    expect(ids(filterAndSortRows(rows, { type: 'dashboard' }, byName))).toEqual(['db-1', 'db-9']);
    expect(ids(filterAndSortRows(rows, { switch: 'edit', value: 'on' }, byName))).toEqual(['ds-2']);
    expect(ids(filterAndSortRows(rows, { switch: 'edit', value: 'off' }, byName))).toEqual(['ds-1']);
    expect(ids(filterAndSortRows(rows, { finding: 'unknown' }, byName))).toEqual(['db-9']);
    expect(ids(filterAndSortRows(rows, { owner: 'ALI' }, byName))).toEqual(['ds-2']);
    expect(ids(filterAndSortRows(rows, { changedBy: 'bob' }, byName))).toEqual(['ds-2']);
    expect(ids(filterAndSortRows(rows, { changedSince: 200 }, byName))).toEqual(['db-1', 'ds-2']);
  });

  it('searches names and IDs and sorts both ways', () => {
    expect(ids(filterAndSortRows(rows, { search: 'ord' }, byName))).toEqual(['ds-2']);
    expect(ids(filterAndSortRows(rows, { search: 'db-9' }, byName))).toEqual(['db-9']);
    expect(ids(filterAndSortRows(rows, {}, { key: 'update_date', dir: 'desc' }))).toEqual([
      'ds-2',
      'db-1',
      'ds-1',
      'db-9',
    ]);
  });
});
