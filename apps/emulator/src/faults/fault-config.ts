import { z } from 'zod';
import type { FaultConfig } from '../context';

export const noFaults: FaultConfig = {
  latencyMs: 0,
  errorRate: 0,
  throttleRate: 0,
  cutStreamAfterBytes: null,
  largeFileBytes: null,
  cutUploadAfterBytes: null,
  resetRate: 0,
};

/** A partial `FaultConfig` as `PUT /__emulator/faults` and the options accept it. */
export const faultConfigPatchSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(600_000),
    errorRate: z.number().min(0).max(1),
    throttleRate: z.number().min(0).max(1),
    cutStreamAfterBytes: z.number().int().min(0).nullable(),
    largeFileBytes: z.number().int().min(0).nullable(),
    cutUploadAfterBytes: z.number().int().min(0).nullable(),
    resetRate: z.number().min(0).max(1),
  })
  .partial()
  .strict();

export function mergeFaults(base: FaultConfig, patch: Partial<FaultConfig> | undefined): FaultConfig {
  const out = { ...base };
  for (const [k, v] of Object.entries(patch ?? {})) {
    if (v !== undefined) Object.assign(out, { [k]: v });
  }
  return out;
}
