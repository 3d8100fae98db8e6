import type { Request, Response } from 'express';
import type { AssetJobIdResponse } from '@portico/api-types/upstream';
import { importAssetsQuerySchema, romaErrorCodes } from '@portico/api-types/upstream';
import type { ServiceContext } from '../context';
import { callerOf } from '../common/caller';
import { isRunning, newJob, settleJobs } from './asset-jobs';
import { sendRomaError } from './errors';
import type { InstanceParams } from './instance-guard';
import { readAssetPackage } from './read-asset-package';
import type { RomaInstanceState, RomaState } from './state';

function hasRunningJob(ctx: ServiceContext, instance: RomaInstanceState, userId: string): boolean {
  settleJobs(ctx, instance);
  return instance.jobs.some((j) => j.user_id === userId && isRunning(ctx, j));
}

/** `POST …/assets/import`: reads and checks the whole package, then starts an import job. */
export function importAssets(ctx: ServiceContext, state: RomaState) {
  return async (req: Request<InstanceParams>, res: Response) => {
    const instance = state.instances[req.params.instanceId];
    const userId = callerOf(res)?.userId ?? '';
    if (!instance) return;
    const query = importAssetsQuerySchema.safeParse(req.query);
    if (!query.success) {
      const field = query.error.issues[0]?.path.join('.') ?? 'query';
      sendRomaError(
        ctx,
        res,
        400,
        romaErrorCodes.invalidParameters,
        'Invalid parameters.',
        `Invalid value of ${field}.`,
      );
      return;
    }
    const alreadyRunning = () =>
      sendRomaError(
        ctx,
        res,
        400,
        romaErrorCodes.jobAlreadyRunning,
        'An asset job is already running.',
        'Wait until the running job ends.',
      );
    if (hasRunningJob(ctx, instance, userId)) {
      alreadyRunning();
      return;
    }
    const outcome = await readAssetPackage(req);
    if ('refusal' in outcome) {
      const { code, message, details } = outcome.refusal;
      sendRomaError(ctx, res, 400, code, message, details);
      return;
    }
    // Another upload of the same user may have finished first while this one streamed.
    if (hasRunningJob(ctx, instance, userId)) {
      alreadyRunning();
      return;
    }
    const job = { ...newJob(ctx, 'importAsset', userId), import: { manifest: outcome.manifest, query: query.data } };
    instance.jobs.push(job);
    ctx.markDirty();
    const body: AssetJobIdResponse = { job_id: job.id };
    res.json(body);
  };
}
