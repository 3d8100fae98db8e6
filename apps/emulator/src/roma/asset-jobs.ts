import type { AssetJob } from '@portico/api-types/upstream';
import type { ServiceContext } from '../context';
import { applyImport, importReasons } from './plan-import';
import type { RomaInstanceState, StoredJob } from './state';

/**
 * Decides the outcome of every job whose time is up. Called on each request instead of a
 * timer, so nothing keeps the process alive and persisted jobs resume after a restart.
 */
export function settleJobs(ctx: ServiceContext, instance: RomaInstanceState): void {
  const now = ctx.now();
  let changed = false;
  for (const job of instance.jobs) {
    if (job.outcome || now < job.end_ms) continue;
    changed = true;
    if (job.import) {
      const reasons = importReasons(instance, job.import.manifest, job.import.query);
      if (reasons.length === 0) applyImport(ctx, instance, job.import.manifest, job.import.query);
      job.outcome = { status: reasons.length === 0 ? 'SUCCEEDED' : 'FAILED', reasons };
      delete job.import;
    } else if (job.export) {
      settleExport(ctx, instance, job, job.export);
    }
  }
  if (changed) ctx.markDirty();
}

function settleExport(
  ctx: ServiceContext,
  instance: RomaInstanceState,
  job: StoredJob,
  wanted: { apps: string[]; tasks: string[] },
) {
  const applications = instance.applications.filter((a) => wanted.apps.includes(a.id));
  const tasks = instance.tasks.filter((t) => wanted.tasks.includes(t.id));
  const reasons = [
    ...wanted.apps
      .filter((id) => !applications.some((a) => a.id === id))
      .map((id) => ({
        resource_type: 'application' as const,
        resource_name: id,
        error_code: 'ROMA.00110004',
        error_msg: 'No application with this id.',
      })),
    ...wanted.tasks
      .filter((id) => !tasks.some((t) => t.id === id))
      .map((id) => ({
        resource_type: 'task' as const,
        resource_name: id,
        error_code: 'ROMA.00110004',
        error_msg: 'No task with this id.',
      })),
  ];
  job.outcome = { status: reasons.length === 0 ? 'SUCCEEDED' : 'FAILED', reasons };
  if (reasons.length === 0) {
    const archiveId = ctx.newId();
    instance.archives.push({ id: archiveId, applications, tasks, downloaded: false });
    job.archive_id = archiveId;
  }
  delete job.export;
}

export function isRunning(ctx: ServiceContext, job: StoredJob): boolean {
  return !job.outcome && ctx.now() < job.end_ms;
}

/** The job as the provider shows it; call after `settleJobs`. */
export function jobView(ctx: ServiceContext, job: StoredJob): AssetJob {
  const base = { id: job.id, type: job.type, begin_time: new Date(job.begin_ms).toISOString() };
  if (!job.outcome) {
    const span = Math.max(1, job.end_ms - job.begin_ms);
    const progress = Math.min(0.99, Math.max(0, (ctx.now() - job.begin_ms) / span));
    return { ...base, status: 'RUNNING', progress_percent: Math.round(progress * 100) / 100 };
  }
  return {
    ...base,
    status: job.outcome.status,
    progress_percent: 1,
    end_time: new Date(job.end_ms).toISOString(),
    ...(job.outcome.reasons.length > 0 ? { reasons: job.outcome.reasons } : {}),
    ...(job.archive_id ? { archive_id: job.archive_id } : {}),
  };
}

/** A new job of `user_id`, RUNNING for the configured duration. */
export function newJob(ctx: ServiceContext, type: StoredJob['type'], userId: string): StoredJob {
  const begin = ctx.now();
  return { id: ctx.newId(), type, user_id: userId, begin_ms: begin, end_ms: begin + ctx.config.assetJobDurationMs };
}
