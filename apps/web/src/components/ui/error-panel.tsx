import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import { ApiError } from '../../lib/api-error';

/** Shows what failed with the codes and request ids support will ask for, copyable in one go. */
export function ErrorPanel({ error, title }: { error: unknown; title?: string }) {
  const { t } = useT();
  const [copied, setCopied] = useState(false);
  const api = error instanceof ApiError ? error : undefined;
  const message =
    api?.code === 'network_error' ? t('error.network') : error instanceof Error ? error.message : String(error);
  const rows: [string, string][] = [];
  if (api) rows.push([t('error.code'), api.code]);
  if (api?.upstream) {
    rows.push([t('error.upstreamCode'), api.upstream.code], [t('error.upstreamMessage'), api.upstream.message]);
    if (api.upstream.request_id)
      rows.push([`${t('error.requestId')} (${api.upstream.service ?? 'upstream'})`, api.upstream.request_id]);
  }
  if (api?.requestId) rows.push([t('error.requestId'), api.requestId]);
  const copy = async () => {
    const text = [message, ...rows.map(([k, v]) => `${k}: ${v}`)].join('\n');
    await navigator.clipboard?.writeText(text);
    setCopied(true);
  };
  return (
    <div
      role="alert"
      className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      <div className="font-semibold">{title ?? t('error.title')}</div>
      <p>{message}</p>
      {rows.length > 0 && (
        <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 font-mono text-xs">
          {rows.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="font-sans">{k}</dt>
              <dd className="select-all break-all">{v}</dd>
            </div>
          ))}
        </dl>
      )}
      <button type="button" onClick={() => void copy()} className="mt-2 text-xs underline">
        {copied ? t('error.copied') : t('error.copy')}
      </button>
    </div>
  );
}
