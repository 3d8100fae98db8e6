// Where a callgrind dump's instructions went, by JavaScript module: callgrind names V8's builtins
// and Node's C++, but code V8 compiled at run time is only an address to it. Node started with
// `--perf-basic-prof` writes `/tmp/perf-<pid>.map` (start, size and name of every piece of code it
// compiles), which names those addresses; esbuild's `// path` comment before each module of the
// bundle turns a bundle line into the module it came from.
//
// A module is charged with what its compiled functions executed themselves, and with the whole of
// each call they made into a builtin or into Node's C++ that does not run JavaScript again (an
// inline-cache miss, a regular expression, `JSON.stringify`, a string copy). Calls that do run
// JavaScript again (calls, compilation, tier-up prologues, promises) are left out, so nothing is
// counted twice; what is left unattributed is the garbage collector, the HTTP parser's C++, libuv,
// V8's runtime reached from those, and the process's other threads.

/** One piece of compiled code from a perf map. */
interface MappedCode {
  start: number;
  end: number;
  name: string;
}

/** The pieces of code of a perf map (`<start hex> <size hex> <name>` a line), in the map's order. */
export function readPerfMap(text: string): MappedCode[] {
  const codes: MappedCode[] = [];
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]+) ([0-9a-f]+) (.+)$/i.exec(line);
    if (!m) continue;
    const start = Number.parseInt(m[1]!, 16);
    codes.push({ start, end: start + Number.parseInt(m[2]!, 16), name: m[3]! });
  }
  return codes;
}

/**
 * The code at `address`. The map only grows: code the garbage collector freed stays in it, and
 * its memory may hold later code, so the last piece written that covers the address is the one.
 */
function codeAt(codes: readonly MappedCode[], address: number): MappedCode | undefined {
  for (let i = codes.length - 1; i >= 0; i--) {
    const c = codes[i]!;
    if (address >= c.start && address < c.end) return c;
  }
  return undefined;
}

/** The module each line of an esbuild bundle belongs to, from the `// path` comments it writes. */
export function bundleModules(bundle: string): (line: number) => string | undefined {
  const starts: { line: number; path: string }[] = [];
  bundle.split('\n').forEach((text, i) => {
    const m = /^\/\/ ((?:\.\.\/)*(?:src|node_modules|packages)\/\S+)$/.exec(text);
    if (m) starts.push({ line: i + 1, path: m[1]!.replace(/^(\.\.\/)+/, '') });
  });
  return (line) => {
    let found: string | undefined;
    for (const s of starts) {
      if (s.line > line) break;
      found = s.path;
    }
    return found;
  };
}

/** A package's name and version from a path through pnpm's store (`…/.pnpm/pino@10.4.0/…`). */
const pnpmPackage = (path: string) => /node_modules\/\.pnpm\/([^/]+)\//.exec(path)?.[1];

/**
 * The module of a compiled function's perf-map name (`JS:*next /…/router/index.js:189:17`):
 * a package, a Node module (`node:_http_agent`), a source file of the bundle, or a regular
 * expression (`RegExp:…`, compiled on its own).
 */
export function moduleOf(name: string, bundleFile: string, moduleAtLine: (line: number) => string | undefined): string {
  if (name.startsWith('RegExp:')) return `regular expression ${name.slice('RegExp:'.length)}`;
  const at = name.indexOf(`${bundleFile}:`);
  if (at >= 0) {
    const path = moduleAtLine(Number.parseInt(name.slice(at + bundleFile.length + 1), 10)) ?? 'the bundle';
    return pnpmPackage(path) ?? path;
  }
  return pnpmPackage(name) ?? /(node:[\w/.-]+)/.exec(name)?.[1] ?? 'other compiled code';
}

/** Callees whose cost would count JavaScript twice: they run it again, or compile it. */
const runsJavaScript =
  /Call|JSEntry|Construct|Interpreter|Prologue|CompileLazy|CEntry|Trampoline\b|Promise|Microtask|Await|Async|Generator|ForEach|ArrayMap|ArrayFilter|Reduce|Reflect|Apply|Bound|Runtime_|Execution::|Invoke/;

export interface ModuleShare {
  module: string;
  instructions: number;
}

/**
 * Instructions by module (most first) and the dump's total. `bundleFile` is the bundle's file URL
 * or path as it appears in the perf map's names.
 */
export function instructionsByModule(
  dump: string,
  perfMap: string,
  bundle: { file: string; text: string },
): { total: number; modules: ModuleShare[] } {
  const codes = readPerfMap(perfMap);
  const moduleAtLine = bundleModules(bundle.text);
  const names = new Map<string, string>();
  /** The module of a callgrind function name, or undefined when it is not compiled code. */
  const moduleCache = new Map<string, string | undefined>();
  const moduleOfFunction = (fn: string): string | undefined => {
    if (moduleCache.has(fn)) return moduleCache.get(fn);
    const address = /^0x([0-9a-f]+)(?:'\d+)?$/i.exec(fn);
    const code = address ? codeAt(codes, Number.parseInt(address[1]!, 16)) : undefined;
    const module = address
      ? code
        ? moduleOf(code.name, bundle.file, moduleAtLine)
        : 'unnamed compiled code'
      : undefined;
    moduleCache.set(fn, module);
    return module;
  };
  const byModule = new Map<string, number>();
  const charge = (module: string, n: number) => byModule.set(module, (byModule.get(module) ?? 0) + n);
  let total = 0;
  let current = '';
  let callee = '';
  let inCall = false;
  for (const line of dump.split('\n')) {
    const fn = /^(c?fn)=\((\d+)\)(?: (.*))?$/.exec(line);
    if (fn) {
      const name = fn[3] === undefined ? (names.get(fn[2]!) ?? fn[2]!) : fn[3];
      if (fn[3] !== undefined) names.set(fn[2]!, fn[3]);
      if (fn[1] === 'fn') current = name;
      else callee = name;
      continue;
    }
    if (line.startsWith('calls=')) {
      inCall = true;
      continue;
    }
    if (!/^[\d+\-*]/.test(line)) continue;
    const cost = Number(line.trim().split(/\s+/).at(-1));
    if (!Number.isFinite(cost)) continue;
    const module = moduleOfFunction(current);
    if (inCall) {
      // The inclusive cost of one call from `current` to `callee`.
      inCall = false;
      if (module !== undefined && moduleOfFunction(callee) === undefined && !runsJavaScript.test(callee)) {
        charge(module, cost);
      }
    } else {
      total += cost;
      if (module !== undefined) charge(module, cost);
    }
  }
  const modules = [...byModule].map(([m, instructions]) => ({ module: m, instructions }));
  return { total, modules: modules.sort((a, b) => b.instructions - a.instructions) };
}

/** The owner of a module, for a summary: the BFF's own code, npm packages, Node, or a regular expression. */
export function ownerOf(module: string): string {
  if (module.startsWith('src/') || module.startsWith('packages/')) return "the BFF's own code and its contract";
  if (module.startsWith('node:')) return "Node's JavaScript (HTTP, streams, timers…)";
  if (module.startsWith('regular expression')) return "regular expressions (Node's header checks among them)";
  if (module === 'unnamed compiled code' || module === 'other compiled code' || module === 'the bundle') return module;
  return 'npm packages';
}
