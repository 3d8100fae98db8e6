import type { Request, Response } from 'express';
import { romaErrorCodes } from '@portico/api-types/upstream';
import type { ServiceContext } from '../context';
import { jobView, settleJobs } from './asset-jobs';
import { sendRomaError } from './errors';
import type { InstanceParams } from './instance-guard';
import type { RomaState } from './state';

/** `GET …/assets/jobs/{job_id}`: status computed from the job's timestamps. */
export function getJob(ctx: ServiceContext, state: RomaState) {
  return (req: Request<InstanceParams & { jobId: string }>, res: Response) => {
    const instance = state.instances[req.params.instanceId];
    if (!instance) return;
    settleJobs(ctx, instance);
    const job = instance.jobs.find((j) => j.id === req.params.jobId);
    if (!job) {
      sendRomaError(
        ctx,
        res,
        404,
        romaErrorCodes.invalidParameters,
        'Job not found.',
        `No asset job ${req.params.jobId}.`,
      );
      return;
    }
    res.json(jobView(ctx, job));
  };
}
