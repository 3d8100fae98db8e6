import type { DriftChange, DriftResource } from '@portico/api-types';
import { ErrorPanel } from '../../../components/ui/error-panel';
import { ScrollList } from '../../../components/ui/scroll-list';
import { useT } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages.en';
import { useDrift } from '../api/get-drift';
import { EvidenceDownloads } from './evidence-downloads';
import { rowKey } from './row-key';

function DriftList({ title, items }: { title: MessageKey; items: readonly (DriftChange | DriftResource)[] }) {
  const { t, formatDate } = useT();
  return (
    <div>
      <h4 className="text-sm font-semibold">{t(title, { count: items.length })}</h4>
      <ScrollList aria-label={t(title, { count: items.length })} className="max-h-48 text-xs">
        {items.map((c) => (
          <li key={`${rowKey(c)}:${'switch' in c ? c.switch : ''}`}>
            {c.name ?? c.resource_id} ({c.resource_type}){'switch' in c ? ` — ${t(`switch.short.${c.switch}`)}` : ''}
            {c.update_user_name
              ? ` — ${t('audit.drift.by', { user: c.update_user_name, when: c.update_date !== undefined ? formatDate(c.update_date) : '' })}`
              : ''}
          </li>
        ))}
      </ScrollList>
    </div>
  );
}

/** What changed from the older audit to the newer: switches on/off, resources added/gone. */
export function DriftView({ from, to }: { from: string; to: string }) {
  const { t } = useT();
  const drift = useDrift({ from, to });
  return (
    <section aria-labelledby="audit-drift-title" className="space-y-2">
      <h2 id="audit-drift-title" className="text-base font-semibold">
        {t('audit.drift.title')}
      </h2>
      {drift.isPending && <p className="text-sm">{t('common.loading')}</p>}
      {drift.error && <ErrorPanel error={drift.error} />}
      {drift.data && (
        <>
          <div className="grid gap-2 md:grid-cols-2">
            <DriftList title="audit.drift.turnedOn" items={drift.data.turned_on} />
            <DriftList title="audit.drift.turnedOff" items={drift.data.turned_off} />
            <DriftList title="audit.drift.added" items={drift.data.added} />
            <DriftList title="audit.drift.gone" items={drift.data.gone} />
          </div>
          {drift.data.not_compared.length > 0 && (
            <p className="text-xs">{t('audit.drift.notCompared', { count: drift.data.not_compared.length })}</p>
          )}
          <EvidenceDownloads source={{ kind: 'drift', from: drift.data.from.id, to: drift.data.to.id }} />
        </>
      )}
    </section>
  );
}
