import { Button } from '../../../components/ui/button';
import { DownloadStatus } from '../../../components/ui/download-status';
import { useT } from '../../../i18n/i18n';
import { useDownload } from '../../../lib/use-download';
import { downloadEvidence, type EvidenceSource } from '../api/download-evidence';

/** CSV and JSON evidence of an audit or a drift report, each standing on its own. */
export function EvidenceDownloads({ source }: { source: EvidenceSource }) {
  const { t } = useT();
  const download = useDownload();
  const what = t(source.kind === 'audit' ? 'audit.evidence.audit' : 'audit.evidence.drift');
  const busy = download.state.status === 'downloading';
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {(['csv', 'json'] as const).map((format) => (
          <Button
            key={format}
            disabled={busy}
            onClick={() => void download.start((opts) => downloadEvidence(source, format, opts))}
          >
            {t('audit.evidence.download', { what, format: format.toUpperCase() })}
          </Button>
        ))}
      </div>
      <DownloadStatus state={download.state} onCancel={download.cancel} />
    </div>
  );
}
