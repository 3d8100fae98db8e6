import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How a package's `start` script runs its server, for starting one in another process as
 * production does, its Node options included (docs/decisions/0013): the e2e stacks and the bench
 * start the emulator and the BFF so.
 */
export interface NodeCommand {
  /** The Node options before the script (`--initial-old-space-size=128`, say). */
  options: string[];
  /** The script, as the command names it (relative to the package for a `start` script). */
  script: string;
}

/** The `start` script of the package in `packageDir`, as written. */
export function startScriptOf(packageDir: string): string {
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { scripts?: { start?: string } };
  const start = pkg.scripts?.start;
  if (!start) throw new Error(`${packageDir}/package.json has no start script`);
  return start;
}

/** A `node [--options] <script>` command line, split; anything else is refused rather than half-understood. */
export function nodeCommandOf(command: string): NodeCommand {
  const [node, ...options] = command.trim().split(/\s+/);
  const script = options.pop();
  if (node !== 'node' || !script || script.startsWith('-') || options.some((a) => !a.startsWith('--')))
    throw new Error(`not a "node [--options] <script>" command: ${command}`);
  return { options, script };
}

/** The `start` script of the package in `packageDir`, its script made absolute. */
export function startCommandOf(packageDir: string): NodeCommand {
  const { options, script } = nodeCommandOf(startScriptOf(packageDir));
  return { options, script: join(packageDir, script) };
}
