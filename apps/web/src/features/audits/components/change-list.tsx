import type { BulkFixChange } from '@portico/api-types';
import { ScrollList } from '../../../components/ui/scroll-list';
import { useT } from '../../../i18n/i18n';
import { switchDiff, switchWords } from '../../../lib/switch-diff';
import { rowKey } from './row-key';

/** Every change a confirmation asks about: the resource, its switches before → after, and why. */
export function ChangeList({
  label,
  changes,
  withRules,
}: {
  label: string;
  changes: readonly BulkFixChange[];
  withRules?: boolean;
}) {
  const { t } = useT();
  return (
    <ScrollList aria-label={label} className="max-h-60 text-xs">
      {changes.map((c) => (
        <li key={rowKey(c)}>
          <span className="font-semibold">{c.name ?? c.resource_id}</span> ({c.resource_type}:{c.resource_id}):{' '}
          {switchDiff(c.before, c.after, switchWords(t))}
          {withRules ? ` — ${c.rule_ids.join(', ')}` : ''}
        </li>
      ))}
    </ScrollList>
  );
}
