import type { Request, Response } from 'express';
import { romaErrorCodes } from '@portico/api-types/upstream';
import type { ServiceContext } from '../context';
import { settleJobs } from './asset-jobs';
import { archiveZipChunks } from './archive-zip';
import { sendRomaError } from './errors';
import { streamFile } from '../common/stream-file';
import type { InstanceParams } from './instance-guard';
import type { RomaState } from './state';

/** `GET …/assets/archives/{archive_id}`: the export ZIP, downloadable once. */
export function downloadArchive(ctx: ServiceContext, state: RomaState) {
  return async (req: Request<InstanceParams & { archiveId: string }>, res: Response) => {
    const instance = state.instances[req.params.instanceId];
    if (!instance) return;
    settleJobs(ctx, instance);
    const archive = instance.archives.find((a) => a.id === req.params.archiveId);
    if (!archive || archive.downloaded) {
      sendRomaError(
        ctx,
        res,
        404,
        romaErrorCodes.invalidParameters,
        'Archive not found.',
        `No archive ${req.params.archiveId}, or it was already downloaded.`,
      );
      return;
    }
    archive.downloaded = true;
    ctx.markDirty();
    const faults = ctx.faults();
    res.status(200);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment;filename=${archive.id}.zip`);
    await streamFile(res, archiveZipChunks(archive, faults.largeFileBytes), faults.cutStreamAfterBytes);
  };
}
