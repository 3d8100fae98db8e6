import type { UpstreamAnswer } from '../../upstream/upstream-answer';
import type { Response } from 'express';
import type { Database } from '../../db/database';
import { streamDownload } from '../../http/stream-download';
import type { NewActivity } from './activity-log';
import { failureSettlement } from './activity-of';
import { openActivity } from './pending-activity';

/**
 * An export as one activity entry around its file: `pending` before the upstream call (the
 * database away: 503, nothing sent), `success` once the file starts, `failure` if the call fails
 * or the stream then breaks (`stream_interrupted`: a cut download is never logged a success). A
 * settle the database cannot take is queued and the file still streams.
 */
export async function relayLoggedExport(
  db: Database,
  res: Response,
  activity: Omit<NewActivity, 'outcome'>,
  fetchFile: () => Promise<UpstreamAnswer>,
  file: { fallbackName: string; idleMs: number },
): Promise<void> {
  const entry = await openActivity(db, activity);
  let upstream: UpstreamAnswer;
  try {
    upstream = await fetchFile();
  } catch (e) {
    await entry.settle(failureSettlement(e));
    throw e;
  }
  try {
    await entry.settle({ outcome: 'success' });
  } catch (e) {
    upstream.destroy();
    throw e;
  }
  try {
    await streamDownload(upstream, res, file.fallbackName, { idleMs: file.idleMs });
  } catch {
    await entry.settle({ outcome: 'failure', error_code: 'stream_interrupted' });
  }
}
