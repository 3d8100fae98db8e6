import type { ActivityEntry } from '@portico/api-types';

export const activityCsvColumns = [
  'at',
  'user',
  'role',
  'operation',
  'target',
  'outcome',
  'request_id',
  'error_code',
  'workspace_id',
  'before',
  'after',
] as const;

/** RFC 4180 quoting; a leading `= + - @` is prefixed with `'` so spreadsheets do not run it. */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let s = typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(): string {
  return `${activityCsvColumns.join(',')}\r\n`;
}

export function csvRow(e: ActivityEntry): string {
  return `${activityCsvColumns.map((c) => csvCell(e[c])).join(',')}\r\n`;
}
