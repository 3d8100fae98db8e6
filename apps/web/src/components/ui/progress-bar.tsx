/** A determinate bar when the total is known, indeterminate otherwise. */
export function ProgressBar({
  label,
  value,
  max,
  text,
}: {
  label: string;
  value: number;
  max?: number;
  text?: string;
}) {
  const pct = max ? Math.min(100, Math.round((value / max) * 100)) : undefined;
  return (
    <div className="space-y-1">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={max ? value : undefined}
        aria-valuetext={text}
        className="h-2 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-700"
      >
        <div
          className={`h-full bg-blue-600 ${pct === undefined ? 'w-1/3 motion-safe:animate-pulse' : ''}`}
          style={pct === undefined ? undefined : { width: `${pct}%` }}
        />
      </div>
      {text && <div className="text-xs text-slate-600 dark:text-slate-400">{text}</div>}
    </div>
  );
}
