import { inputClass } from './form-field';

/** A list's search field (its label is also its placeholder), with what the list holds beside it, read out as it changes. */
export function SearchBox({
  label,
  value,
  onChange,
  status,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  status: string;
}) {
  return (
    <div className="flex items-center gap-3">
      <input
        type="search"
        aria-label={label}
        placeholder={label}
        className={`${inputClass} max-w-sm`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      <span className="text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
        {status}
      </span>
    </div>
  );
}
