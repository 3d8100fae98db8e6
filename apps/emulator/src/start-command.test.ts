import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeCommandOf, startCommandOf } from './start-command';

const bffDir = fileURLToPath(new URL('../../bff', import.meta.url));
const emulatorDir = fileURLToPath(new URL('..', import.meta.url));

describe('nodeCommandOf', () => {
  it('is the options between node and the script', () => {
    expect(nodeCommandOf('node --initial-old-space-size=128 --enable-source-maps dist/server.js').options).toEqual([
      '--initial-old-space-size=128',
      '--enable-source-maps',
    ]);
    expect(nodeCommandOf('node dist/server.js')).toEqual({ options: [], script: 'dist/server.js' });
  });

  it('refuses a command it cannot read as node [options] script', () => {
    expect(() => nodeCommandOf('tsx src/server.ts')).toThrow(/not a "node/);
    expect(() => nodeCommandOf('node --inspect')).toThrow(/not a "node/);
    expect(() => nodeCommandOf('node -r dotenv/config dist/server.js')).toThrow(/not a "node/);
  });
});

describe('startCommandOf', () => {
  it("reads the BFF's own start script", () => {
    const { options, script } = startCommandOf(bffDir);
    for (const option of options) expect(option).toMatch(/^--[a-z]/);
    // docs/decisions/0013: the old generation's first allocation limit.
    expect(options.some((o) => o.startsWith('--initial-old-space-size='))).toBe(true);
    expect(script).toBe(`${bffDir.replace(/\/$/, '')}/dist/server.js`);
  });

  it("reads the emulator's own start script", () => {
    const { options, script } = startCommandOf(emulatorDir);
    // docs/decisions/0016: the emulator starts with the BFF's first old-generation limit, so an
    // upload's buffers do not set off a full collection every few megabytes.
    expect(options).toContain('--initial-old-space-size=128');
    expect(script).toBe(`${emulatorDir.replace(/\/$/, '')}/dist/server.js`);
  });
});
