import { describe, expect, it } from 'vitest';
import { csvCell, csvHeader, csvRow } from './activity-csv';

describe('activity CSV', () => {
  it('quotes separators and neutralises formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell(undefined)).toBe('');
    expect(csvCell({ read: true })).toBe('"{""read"":true}"');
  });

  it('writes a header and one line per entry', () => {
    expect(csvHeader()).toMatch(/^at,user,role,operation,target/);
    const line = csvRow({
      id: '1',
      at: '2026-01-01T00:00:00.000Z',
      user: 'demo-admin',
      operation: 'permissions.save',
      target: 'dashboard:d1',
      outcome: 'success',
      request_id: 'r1',
    });
    expect(line).toBe('2026-01-01T00:00:00.000Z,demo-admin,,permissions.save,dashboard:d1,success,r1,,,,\r\n');
    // An operation whose outcome is not known yet is written as such.
    expect(
      csvRow({
        id: '2',
        at: '2026-01-01T00:00:00.000Z',
        user: 'u',
        operation: 'assets.import',
        target: 'a.zip',
        outcome: 'pending',
        request_id: 'r2',
      }),
    ).toBe('2026-01-01T00:00:00.000Z,u,,assets.import,a.zip,pending,r2,,,,\r\n');
  });
});
