import { describe, expect, it } from 'vitest';
import { emulatorOptionsFromEnv } from './env';

describe('emulatorOptionsFromEnv', () => {
  it('applies defaults', () => {
    expect(emulatorOptionsFromEnv({})).toMatchObject({
      port: 9090,
      host: '127.0.0.1',
      dataDir: './.data',
      tokenTtlMs: undefined,
    });
  });

  it('reads every variable', () => {
    const o = emulatorOptionsFromEnv({
      PORT: '0',
      TOKEN_TTL_SECONDS: '60',
      SEED_RESOURCES: '10000',
      FAULT_THROTTLE_RATE: '0.2',
      LARGE_FILE_BYTES: '1000',
    });
    expect(o).toMatchObject({
      port: 0,
      tokenTtlMs: 60_000,
      seedResources: 10000,
      faults: { throttleRate: 0.2, largeFileBytes: 1000 },
    });
  });

  it('reads the connection faults', () => {
    const o = emulatorOptionsFromEnv({ FAULT_RESET_RATE: '0.1', FAULT_CUT_UPLOAD_AFTER_BYTES: '65536' });
    expect(o.faults).toMatchObject({ resetRate: 0.1, cutUploadAfterBytes: 65536 });
    expect(() => emulatorOptionsFromEnv({ FAULT_RESET_RATE: '2' })).toThrow(/FAULT_RESET_RATE/);
  });

  it('names every wrong variable', () => {
    expect(() => emulatorOptionsFromEnv({ PORT: 'x', FAULT_ERROR_RATE: '3' })).toThrow(/PORT[\s\S]*FAULT_ERROR_RATE/);
  });
});
