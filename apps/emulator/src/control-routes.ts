import express, { Router } from 'express';
import type { FaultConfig } from './context';
import { faultConfigPatchSchema } from './faults/fault-config';

/** `/__emulator/*`: health and run-time fault settings; no token, no faults. */
export function controlRoutes(get: () => FaultConfig, set: (f: Partial<FaultConfig>) => void): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/faults', (_req, res) => {
    res.json(get());
  });
  router.put('/faults', express.json(), (req, res) => {
    const parsed = faultConfigPatchSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'invalid fault config', issues: parsed.error.issues });
      return;
    }
    set(parsed.data);
    res.json(get());
  });
  router.use((err: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(err);
    res.status(400).json({ error: 'The request body is not valid JSON.' });
  });
  return router;
}
