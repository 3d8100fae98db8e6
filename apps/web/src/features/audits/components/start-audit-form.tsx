import { resourceTypes, startAuditRequestSchema, type ResourceType, type StartAuditRequest } from '@portico/api-types';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/button';
import { useT } from '../../../i18n/i18n';
import { parseExtraIds } from './parse-extra-ids';

/** Scope of an audit: every type (nothing ticked) or the ticked ones, plus IDs for unlisted types. */
export function StartAuditForm({
  workspaceId,
  running,
  onStart,
}: {
  workspaceId: string;
  running: boolean;
  onStart: (request: StartAuditRequest) => void;
}) {
  const { t } = useT();
  const [types, setTypes] = useState<ResourceType[]>([]);
  const [extra, setExtra] = useState('');
  const [error, setError] = useState<string>();
  const toggle = (type: ResourceType) =>
    setTypes((ts) => (ts.includes(type) ? ts.filter((x) => x !== type) : [...ts, type]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { resources, invalid } = parseExtraIds(extra);
    if (invalid.length) return setError(t('audit.start.extraInvalid', { lines: invalid.join(', ') }));
    const parsed = startAuditRequestSchema.safeParse({
      workspace_id: workspaceId,
      ...(types.length ? { resource_types: types } : {}),
      extra_resources: resources,
    });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message);
    setError(undefined);
    onStart(parsed.data);
  };
  return (
    <form onSubmit={submit} className="space-y-3" aria-labelledby="audit-start-title">
      <h2 id="audit-start-title" className="text-base font-semibold">
        {t('audit.start.title')}
      </h2>
      <fieldset>
        <legend className="text-sm font-medium">{t('audit.start.types')}</legend>
        <div className="flex flex-wrap gap-3">
          {resourceTypes.map((type) => (
            <label key={type} className="flex items-center gap-1 text-sm">
              <input type="checkbox" checked={types.includes(type)} onChange={() => toggle(type)} />
              {t(`type.${type}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="space-y-1">
        <label htmlFor="audit-extra" className="block text-sm font-medium">
          {t('audit.start.extra')}
        </label>
        <textarea
          id="audit-extra"
          aria-describedby="audit-extra-help"
          aria-invalid={error ? true : undefined}
          rows={2}
          value={extra}
          onChange={(e) => setExtra(e.target.value)}
          className="w-full rounded border border-slate-300 p-2 font-mono text-xs dark:border-slate-600 dark:bg-slate-900"
        />
        <p id="audit-extra-help" className="text-xs text-slate-600 dark:text-slate-400">
          {t('audit.start.extraHelp')}
        </p>
        {error && (
          <p role="alert" className="text-xs text-red-700 dark:text-red-300">
            {error}
          </p>
        )}
      </div>
      <Button type="submit" variant="primary" disabled={running}>
        {t('audit.start.submit')}
      </Button>
    </form>
  );
}
