import { Router } from 'express';
import { listActivityQuerySchema } from '@portico/api-types';
import type { Database } from '../../db/database';
import { validate } from '../../http/validate';
import { requireCapability } from '../session/session-middleware';
import { csvHeader, csvRow } from './activity-csv';
import { iterateActivity, listActivity } from './activity-log';

/** `GET /api/activity` (JSON page) and `GET /api/activity.csv` (every match, streamed). */
export function createActivityRouter(db: Database): Router {
  const router = Router();
  router.get('/activity', requireCapability('readActivity'), async (req, res) => {
    const q = validate(listActivityQuerySchema, req.query, 'query');
    res.json(await listActivity(db, q));
  });
  router.get('/activity.csv', requireCapability('readActivity'), async (req, res) => {
    const { offset: _o, limit: _l, ...filters } = validate(listActivityQuerySchema, req.query, 'query');
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', 'attachment; filename="activity.csv"');
    res.write(csvHeader());
    for await (const e of iterateActivity(db, filters)) {
      if (!res.write(csvRow(e))) await new Promise((r) => res.once('drain', r));
    }
    res.end();
  });
  return router;
}
