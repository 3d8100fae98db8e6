import type { Request, Response } from 'express';
import type { AssetJobIdResponse } from '@portico/api-types/upstream';
import { exportAssetsRequestSchema, romaErrorCodes } from '@portico/api-types/upstream';
import type { ServiceContext } from '../context';
import { callerOf } from '../common/caller';
import { isRunning, newJob, settleJobs } from './asset-jobs';
import { sendRomaError } from './errors';
import type { InstanceParams } from './instance-guard';
import type { RomaState } from './state';

/** `POST …/assets/export`: starts an export job; its archive is made when the job ends. */
export function exportAssets(ctx: ServiceContext, state: RomaState) {
  return (req: Request<InstanceParams>, res: Response) => {
    const instance = state.instances[req.params.instanceId];
    if (!instance) return;
    const parsed = exportAssetsRequestSchema.safeParse(req.body);
    if (!parsed.success || parsed.data.apps.length + parsed.data.tasks.length === 0) {
      sendRomaError(
        ctx,
        res,
        400,
        romaErrorCodes.invalidParameters,
        'Invalid parameters.',
        'Name at least one application or task by id.',
      );
      return;
    }
    const userId = callerOf(res)?.userId ?? '';
    settleJobs(ctx, instance);
    if (instance.jobs.some((j) => j.user_id === userId && isRunning(ctx, j))) {
      sendRomaError(
        ctx,
        res,
        400,
        romaErrorCodes.jobAlreadyRunning,
        'An asset job is already running.',
        'Wait until the running job ends.',
      );
      return;
    }
    const job = {
      ...newJob(ctx, 'exportAsset', userId),
      export: { apps: parsed.data.apps.map((a) => a.id), tasks: parsed.data.tasks.map((t) => t.id) },
    };
    instance.jobs.push(job);
    ctx.markDirty();
    const body: AssetJobIdResponse = { job_id: job.id };
    res.json(body);
  };
}
