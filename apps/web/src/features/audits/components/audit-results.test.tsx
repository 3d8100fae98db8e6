import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScreenMessages } from '../../../i18n/i18n';
import { auditRow } from '../testing/audit-rows';
import { AuditResults } from './audit-results';

const many = Array.from({ length: 10_000 }, (_, i) =>
  auditRow({
    resource_id: `ds-${i}`,
    name: `Dataset ${String(i).padStart(5, '0')}`,
    compliance: i % 10 === 0 ? 'non_compliant' : 'compliant',
  }),
);

describe('audit results at 10 000 rows', () => {
  // Rendered without its route, which would load the screen's strings.
  beforeAll(loadScreenMessages);

  it('keeps only a window of rows in the DOM and filters the whole set', async () => {
    const user = userEvent.setup();
    render(<AuditResults rows={many} canFix={false} />);
    const table = screen.getByRole('table', { name: 'Audit results' });
    expect(table).toHaveAttribute('aria-rowcount', '10001');
    expect(within(table).getAllByRole('row').length).toBeLessThan(100);
    expect(screen.getByText('10,000 of 10,000 rows shown')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Finding'), 'non_compliant');
    expect(await screen.findByText('1,000 of 10,000 rows shown')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Search name or ID'), 'Dataset 09990');
    expect(await screen.findByText('1 of 10,000 rows shown')).toBeInTheDocument();
    expect(within(table).getByRole('cell', { name: 'Dataset 09990' })).toBeInTheDocument();
  });

  it('names each switch by the word of its label: the read switch is "view", in the headers and the filter', () => {
    render(<AuditResults rows={many.slice(0, 3)} canFix={false} />);
    const table = screen.getByRole('table', { name: 'Audit results' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(expect.arrayContaining(['view', 'edit', 'export', 'use']));
    expect(within(table).queryByRole('columnheader', { name: 'read' })).not.toBeInTheDocument();
    expect(within(screen.getByLabelText('Switch')).getByRole('option', { name: 'view' })).toHaveValue('read');
  });
});
