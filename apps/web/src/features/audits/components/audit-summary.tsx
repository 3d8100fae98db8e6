import { permissionSwitches, type AuditTypeCounts } from '@portico/api-types';
import { memo } from 'react';
import { useT } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages.en';

/** Per type: resources, failures, non-compliant rows, and how many have each switch on. */
export const AuditSummary = memo(function AuditSummary({ counts }: { counts: Record<string, AuditTypeCounts> }) {
  const { t, formatNumber } = useT();
  const types = Object.keys(counts).sort();
  if (types.length === 0) return null;
  return (
    // Eight columns: in a narrow window the table scrolls sideways inside its own box.
    <div className="overflow-x-auto">
      <table className="text-xs">
        <caption className="text-left text-sm font-semibold">{t('audit.summary.title')}</caption>
        <thead>
          <tr className="text-left">
            <th scope="col" className="pr-3">
              {t('audit.matrix.type')}
            </th>
            <th scope="col" className="pr-3">
              {t('audit.summary.total')}
            </th>
            <th scope="col" className="pr-3">
              {t('audit.summary.failed')}
            </th>
            <th scope="col" className="pr-3">
              {t('audit.summary.nonCompliant')}
            </th>
            {permissionSwitches.map((s) => (
              <th scope="col" key={s} className="pr-3">
                {t('audit.summary.on', { switch: t(`switch.short.${s}`) })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {types.map((type) => {
            const c = counts[type];
            if (!c) return null;
            return (
              <tr key={type}>
                <th scope="row" className="pr-3 text-left font-normal">
                  {t(`type.${type}` as MessageKey)}
                </th>
                <td>{formatNumber(c.total)}</td>
                <td>{formatNumber(c.failed)}</td>
                <td>{formatNumber(c.non_compliant)}</td>
                {permissionSwitches.map((s) => (
                  <td key={s}>{c.switches_on[s] !== undefined ? formatNumber(c.switches_on[s]) : '—'}</td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
});
