import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// The lint zone of the style guide, checked here: the shared ESLint config has no import-zone
// plugin. Features never import each other (src/app composes them), files are kebab-case, and
// the browser never imports the upstream contract.
const srcDir = resolve(__dirname, '..');
const featuresDir = join(srcDir, 'features');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const sources = walk(srcDir).filter((f) => /\.(ts|tsx)$/.test(f));
const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/from\s+'([^']+)'/g)].map((m) => m[1] ?? '');
const featureOf = (path: string) => {
  const rel = relative(featuresDir, path);
  return rel.startsWith('..') ? undefined : rel.split(sep)[0];
};

describe('web source layout', () => {
  it('has no cross-feature imports', () => {
    const offences: string[] = [];
    for (const file of sources) {
      const own = featureOf(file);
      if (!own) continue;
      for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
        const target = featureOf(resolve(dirname(file), spec));
        if (target && target !== own) offences.push(`${relative(srcDir, file)} → ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('never imports the upstream contract', () => {
    const offences = sources.filter((f) => importsOf(f).some((s) => s.startsWith('@portico/api-types/upstream')));
    expect(offences).toEqual([]);
  });

  it('names every file in kebab-case', () => {
    const bad = sources
      .map((f) => relative(srcDir, f))
      .filter((f) => !/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(f.split(sep).pop() ?? ''));
    expect(bad).toEqual([]);
  });
});
