import express from 'express';
import { answerAfterRequest } from './common/answer-after-request';
import { createPersister, readStateFile } from './common/state-file';
import { errorHandler } from './common/error-handler';
import { gatewayAuth, gatewayNotFound } from './common/gateway-auth';
import { requestId } from './common/request-id';
import type { EmulatorConfig, FaultConfig } from './context';
import { controlRoutes } from './control-routes';
import { mergeFaults, noFaults } from './faults/fault-config';
import { faultMiddleware } from './faults/fault-middleware';
import type { IamState } from './iam/state';
import { defaultOptions, type EmulatorOptions } from './options';
import { createServiceContext } from './service-context';
import { services, type AnyService } from './services';

const stateVersion = 1;

export interface EmulatorApp {
  app: express.Express;
  flush(): Promise<void>;
  setFaults(f: Partial<FaultConfig>): void;
  faults(): FaultConfig;
}

function storedServices(json: unknown): Record<string, unknown> | undefined {
  if (json === undefined) return undefined;
  if (
    !json ||
    typeof json !== 'object' ||
    !('services' in json) ||
    !json.services ||
    typeof json.services !== 'object'
  ) {
    throw new Error('The state file is not an emulator state.');
  }
  return json.services as Record<string, unknown>;
}

/** Builds the emulator without listening: state loaded (or seeded), services mounted. */
export function createEmulatorApp(options: EmulatorOptions = {}): EmulatorApp {
  const config: EmulatorConfig = {
    dataDir: options.dataDir,
    tokenTtlMs: options.tokenTtlMs ?? defaultOptions.tokenTtlMs,
    assetJobDurationMs: options.assetJobDurationMs ?? defaultOptions.assetJobDurationMs,
    seedResources: options.seedResources ?? defaultOptions.seedResources,
  };
  const seed = options.seed ?? defaultOptions.seed;
  let faults = mergeFaults(noFaults, options.faults);
  const states: Record<string, unknown> = {};
  const persister = createPersister(config.dataDir, () => ({ version: stateVersion, services: states }));
  const ctx = createServiceContext(
    config,
    seed,
    () => faults,
    () => persister.markDirty(),
  );

  const stored = config.dataDir === undefined ? undefined : storedServices(readStateFile(config.dataDir));
  for (const service of services as readonly AnyService[]) {
    const persisted = stored?.[service.name];
    states[service.name] =
      persisted === undefined ? service.seed(ctx, { resources: config.seedResources, seed }) : service.load(persisted);
  }
  if (stored === undefined) persister.markDirty();

  const setFaults = (f: Partial<FaultConfig>) => {
    faults = mergeFaults(faults, f);
  };
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestId);
  app.use(answerAfterRequest);
  app.use(
    '/__emulator',
    controlRoutes(() => faults, setFaults),
  );
  app.use(gatewayAuth(ctx, states.iam as IamState));
  app.use(faultMiddleware(ctx));
  for (const service of services as readonly AnyService[]) app.use(service.routes(ctx, states[service.name]));
  app.use(gatewayNotFound);
  app.use(errorHandler);
  return { app, flush: () => persister.flush(), setFaults, faults: () => faults };
}
