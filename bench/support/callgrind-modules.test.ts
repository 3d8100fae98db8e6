import { describe, expect, it } from 'vitest';
import { bundleModules, instructionsByModule, moduleOf, ownerOf, readPerfMap } from './callgrind-modules';

const bundleFile = '/app/dist/server.js';
const bundle = [
  'import x from "y";',
  '// ../../node_modules/.pnpm/pino@10.4.0/node_modules/pino/lib/tools.js',
  'function asJson() {}',
  '// src/http/logger.ts',
  'function requestLog() {}',
  '// ../../packages/api-types/src/bff/errors.ts',
  'const codes = [];',
].join('\n');

const perfMap = [
  '1000 100 JS:*asJson file:///app/dist/server.js:3:1',
  '1100 80 JS:*requestLog file:///app/dist/server.js:5:1',
  '2000 200 JS:*next /repo/node_modules/.pnpm/router@2.3.0/node_modules/router/index.js:189:17',
  '3000 40 RegExp:[^\\t\\x20-\\x7e\\x80-\\xff]',
  '4000 60 JS:*addRequest node:_http_agent:230:49',
  'not a line of a perf map',
  // Later code where freed code was: the router's first piece holds a RegExp now.
  '2000 20 RegExp:^\\/api',
].join('\n');

describe('callgrind instructions by module', () => {
  it('reads a perf map and finds the module of a bundle line from its esbuild comments', () => {
    expect(readPerfMap(perfMap).map((c) => c.start)).toEqual([0x1000, 0x1100, 0x2000, 0x3000, 0x4000, 0x2000]);
    const at = bundleModules(bundle);
    expect([at(1), at(3), at(5), at(7)]).toEqual([
      undefined,
      'node_modules/.pnpm/pino@10.4.0/node_modules/pino/lib/tools.js',
      'src/http/logger.ts',
      'packages/api-types/src/bff/errors.ts',
    ]);
    expect(moduleOf('JS:*asJson file:///app/dist/server.js:3:1', bundleFile, at)).toBe('pino@10.4.0');
    expect(moduleOf('JS:*requestLog file:///app/dist/server.js:5:1', bundleFile, at)).toBe('src/http/logger.ts');
    expect(moduleOf('JS:*addRequest node:_http_agent:230:49', bundleFile, at)).toBe('node:_http_agent');
    expect(moduleOf('RegExp:[a-z]+', bundleFile, at)).toBe('regular expression [a-z]+');
    expect(moduleOf('JS:*parse node:internal/deps/undici/undici:12:3', bundleFile, at)).toBe(
      'node:internal/deps/undici/undici',
    );
  });

  it('sums modules by owner', () => {
    expect(
      [
        'src/http/logger.ts',
        'packages/api-types/src/bff/errors.ts',
        'pino@10.4.0',
        'node:_http_agent',
        'regular expression x',
      ].map(ownerOf),
    ).toEqual([
      "the BFF's own code and its contract",
      "the BFF's own code and its contract",
      'npm packages',
      "Node's JavaScript (HTTP, streams, timers…)",
      "regular expressions (Node's header checks among them)",
    ]);
  });

  it('charges a module its own instructions and its calls into builtins that run no JavaScript', () => {
    const dump = [
      'events: Ir',
      'fl=(1) ???',
      // The router (past the RegExp now at its start): 50 of its own, a megamorphic load (30), and a
      // call back into JavaScript (900).
      'fn=(1) 0x0000000000002030',
      '0 50',
      'cfn=(2) Builtins_KeyedLoadIC_Megamorphic',
      'calls=3 0',
      '0 30',
      'cfn=(3) Builtins_CallFunction_ReceiverIsAny',
      'calls=1 0',
      '0 900',
      // The logger's bundle code, recursion level 2 (its own 20), calling JSON.stringify (70).
      "fn=(4) 0x0000000000001104'2",
      '0 20',
      'cfn=(5) Builtins_JsonStringify',
      'calls=1 0',
      '+1 70',
      // Builtins and C++ count towards the total with their own instructions.
      'fn=(2)',
      '0 30',
      'fn=(5)',
      '* 70',
      'fn=(3)',
      '0 5',
      'fn=(6) v8::internal::Heap::Scavenge()',
      '0 400',
      // Compiled code the perf map does not name.
      'fn=(7) 0x0000000000009999',
      '0 25',
      'fn=(8) 0x0000000000002004',
      '0 5',
    ].join('\n');
    const { total, modules } = instructionsByModule(dump, perfMap, { file: bundleFile, text: bundle });
    expect(total).toBe(50 + 20 + 30 + 70 + 5 + 400 + 25 + 5);
    expect(modules).toEqual([
      { module: 'src/http/logger.ts', instructions: 20 + 70 },
      { module: 'router@2.3.0', instructions: 50 + 30 },
      { module: 'unnamed compiled code', instructions: 25 },
      { module: 'regular expression ^\\/api', instructions: 5 },
    ]);
  });
});
