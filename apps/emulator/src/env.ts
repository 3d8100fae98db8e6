import { z } from 'zod';
import type { EmulatorOptions } from './options';

const optionalInt = (min: number) => z.coerce.number().int().min(min).optional();
const optionalRate = z.coerce.number().min(0).max(1).optional();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(9090),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./.data'),
  TOKEN_TTL_SECONDS: optionalInt(1),
  ASSET_JOB_DURATION_MS: optionalInt(0),
  SEED_RESOURCES: optionalInt(0),
  SEED: z.coerce.number().int().optional(),
  FAULT_LATENCY_MS: optionalInt(0),
  FAULT_ERROR_RATE: optionalRate,
  FAULT_THROTTLE_RATE: optionalRate,
  FAULT_CUT_STREAM_AFTER_BYTES: optionalInt(0),
  FAULT_CUT_UPLOAD_AFTER_BYTES: optionalInt(0),
  FAULT_RESET_RATE: optionalRate,
  LARGE_FILE_BYTES: optionalInt(0),
});

/** Reads the environment once; a readable error lists every wrong variable. */
export function emulatorOptionsFromEnv(env: NodeJS.ProcessEnv): EmulatorOptions & { port: number; host: string } {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid emulator environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    tokenTtlMs: e.TOKEN_TTL_SECONDS === undefined ? undefined : e.TOKEN_TTL_SECONDS * 1000,
    assetJobDurationMs: e.ASSET_JOB_DURATION_MS,
    seedResources: e.SEED_RESOURCES,
    seed: e.SEED,
    faults: {
      latencyMs: e.FAULT_LATENCY_MS,
      errorRate: e.FAULT_ERROR_RATE,
      throttleRate: e.FAULT_THROTTLE_RATE,
      cutStreamAfterBytes: e.FAULT_CUT_STREAM_AFTER_BYTES,
      cutUploadAfterBytes: e.FAULT_CUT_UPLOAD_AFTER_BYTES,
      resetRate: e.FAULT_RESET_RATE,
      largeFileBytes: e.LARGE_FILE_BYTES,
    },
  };
}
