import { ErrorPanel } from '../../../components/ui/error-panel';
import { ProgressBar } from '../../../components/ui/progress-bar';
import { useT } from '../../../i18n/i18n';
import { useAssetJob } from '../api/get-asset-job';

/** Follows one import job until it ends, then shows its result and reasons. */
export function JobStatus({ jobId }: { jobId: string }) {
  const { t, formatNumber } = useT();
  const job = useAssetJob(jobId);
  return (
    <section aria-labelledby="job-title" className="space-y-2 text-sm">
      <h2 id="job-title" className="text-base font-semibold">
        {t('import.job', { id: jobId })}
      </h2>
      {job.error && <ErrorPanel error={job.error} />}
      {job.data && (
        <>
          <p
            role="status"
            className={
              job.data.status === 'FAILED'
                ? 'font-medium text-red-700 dark:text-red-300'
                : job.data.status === 'SUCCEEDED'
                  ? 'font-medium text-green-700 dark:text-green-300'
                  : ''
            }
          >
            {t(`import.status.${job.data.status}`)}
          </p>
          <ProgressBar
            label={t('import.jobProgress')}
            value={Math.round(job.data.progress_percent * 100)}
            max={100}
            text={`${formatNumber(Math.round(job.data.progress_percent * 100))}%`}
          />
          {job.data.reasons && job.data.reasons.length > 0 && (
            <div>
              <h3 className="font-medium">{t('import.reasons')}</h3>
              <ul className="list-disc pl-5">
                {job.data.reasons.map((r, i) => (
                  <li key={i}>
                    {r.resource_type} {r.resource_name}: <span className="font-mono">{r.error_code}</span> {r.error_msg}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}
