import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A package's `start` script, `node [--options] <script>`, split into what `spawn` needs. */
export interface StartCommand {
  /** The Node options before the script (`--initial-old-space-size=128`, say). */
  options: string[];
  /** The script's absolute path. */
  script: string;
}

/**
 * The `start` script of the package in `packageDir`, so the e2e stack runs each server as
 * production does (its Node options included; docs/decisions/0013). Anything but
 * `node [--options] <script>` is refused rather than half-understood.
 */
export function startCommandOf(packageDir: string): StartCommand {
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { scripts?: { start?: string } };
  const start = pkg.scripts?.start;
  if (!start) throw new Error(`${packageDir}/package.json has no start script`);
  const [node, ...rest] = start.trim().split(/\s+/);
  const script = rest.pop();
  if (node !== 'node' || !script || script.startsWith('-') || rest.some((a) => !a.startsWith('--')))
    throw new Error(`${packageDir}: the start script is not "node [--options] <script>": ${start}`);
  return { options: rest, script: join(packageDir, script) };
}
