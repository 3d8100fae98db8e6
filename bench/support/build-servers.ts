import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const apps = ['emulator', 'bff'] as const;
type App = (typeof apps)[number];

let built: Record<App, string> | undefined;

/**
 * Builds both servers from the current sources, as `pnpm build` does (tsup, one ESM bundle), but
 * into `apps/<app>/dist/bench/` so a benchmark never swaps the `dist` another run is using. Once
 * per `pnpm bench`; the answer is the entry script of each.
 */
export function buildServers(): Record<App, string> {
  if (built) return built;
  const out = {} as Record<App, string>;
  for (const app of apps) {
    const dir = `${root}apps/${app}`;
    const tsup = `${dir}/node_modules/.bin/tsup`;
    if (!existsSync(tsup)) throw new Error(`${tsup} is missing: run \`pnpm install\` first`);
    const r = spawnSync(tsup, ['--out-dir', 'dist/bench', '--silent'], {
      cwd: dir,
      encoding: 'utf8',
    });
    if (r.status !== 0) {
      throw new Error(
        `building apps/${app} for the benchmark failed (${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`,
      );
    }
    out[app] = `${dir}/dist/bench/server.js`;
  }
  built = out;
  return out;
}
