import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeOptionsOf, startScriptOptions } from './start-script-options';

describe('nodeOptionsOf', () => {
  it('is the options between node and the script', () => {
    expect(nodeOptionsOf('node --initial-old-space-size=128 --enable-source-maps dist/server.js')).toEqual([
      '--initial-old-space-size=128',
      '--enable-source-maps',
    ]);
    expect(nodeOptionsOf('node dist/server.js')).toEqual([]);
  });

  it('refuses a command it cannot read as node [options] script', () => {
    expect(() => nodeOptionsOf('tsx src/server.ts')).toThrow(/not a "node/);
    expect(() => nodeOptionsOf('node --inspect')).toThrow(/not a "node/);
    expect(() => nodeOptionsOf('node -r dotenv/config dist/server.js')).toThrow(/not a "node/);
  });
});

describe('startScriptOptions', () => {
  it("reads the BFF's own start script", () => {
    const options = startScriptOptions(fileURLToPath(new URL('../../apps/bff/package.json', import.meta.url)));
    for (const option of options) expect(option).toMatch(/^--[a-z]/);
    // docs/decisions/0013: the old generation's first allocation limit.
    expect(options.some((o) => o.startsWith('--initial-old-space-size='))).toBe(true);
  });
});
