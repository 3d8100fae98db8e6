import { Button } from '../../../components/ui/button';
import { useT } from '../../../i18n/i18n';
import { useKnownResourceNames } from '../api/known-resource-names';
import { refKey, type PickedResource } from '../hooks/use-picker-url-state';

/** The count is always visible; the chips let the user drop one pick without hunting for it. */
export function SelectionBar({
  selection,
  onChange,
}: {
  selection: PickedResource[];
  onChange: (next: PickedResource[]) => void;
}) {
  const { t } = useT();
  const names = useKnownResourceNames(selection);
  const nameOf = (r: PickedResource) => names.get(refKey(r));
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span role="status" className="font-medium">
        {t('picker.selectedCount', { count: selection.length })}
      </span>
      {selection.length > 0 && (
        <>
          <ul aria-label={t('picker.selectedList')} className="flex max-h-20 flex-wrap gap-1 overflow-auto">
            {selection.slice(0, 50).map((r) => (
              <li
                key={refKey(r)}
                className="flex items-center gap-1 rounded bg-slate-100 px-2 py-0.5 text-xs dark:bg-slate-800"
              >
                <span title={refKey(r)}>{nameOf(r) ?? r.resource_id}</span>
                <button
                  type="button"
                  aria-label={t('picker.remove', { id: nameOf(r) ?? r.resource_id })}
                  onClick={() => onChange(selection.filter((s) => refKey(s) !== refKey(r)))}
                  className="rounded px-1 hover:bg-slate-200 dark:hover:bg-slate-700"
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <Button variant="ghost" onClick={() => onChange([])}>
            {t('picker.clear')}
          </Button>
        </>
      )}
    </div>
  );
}
