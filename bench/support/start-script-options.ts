// The Node options a server's `start` script runs it with (`node --opt … dist/server.js`), so the
// bench starts the server as production does, the options read from one place.
import { readFileSync } from 'node:fs';

/** The `--` options of a `node [options] <script>` command line. */
export function nodeOptionsOf(command: string): string[] {
  const [node, ...rest] = command.trim().split(/\s+/);
  const script = rest.pop();
  if (node !== 'node' || !script || script.startsWith('-') || rest.some((a) => !a.startsWith('--')))
    throw new Error(`not a "node [--options] <script>" command: ${command}`);
  return rest;
}

/** The Node options of the `start` script of the package.json at `path`. */
export function startScriptOptions(path: string): string[] {
  const pkg = JSON.parse(readFileSync(path, 'utf8')) as { scripts?: { start?: string } };
  if (!pkg.scripts?.start) throw new Error(`${path} has no start script`);
  return nodeOptionsOf(pkg.scripts.start);
}
