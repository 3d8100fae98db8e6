// Initial JavaScript of the web app's production build, gzip-compressed (zlib's default level, what
// a server compressing on the fly sends). Three readings, each held to the same target:
//  - the static graph: the entry `index.html` loads plus every chunk it imports statically
//    (modulepreloads included), which is what any first visit pays before a route runs;
//  - what Chromium actually fetches on the sign-in page (signed out);
//  - what Chromium fetches on the first screen after sign-in (`/resources`, its lazy route included).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { benchSession, fakeApi, launchChromium, serveDist, webBuild } from './support/web-app';
import { atMost, type BenchScenario, type Figure } from './support/scenario';

const name = 'web initial JavaScript (production build, gzip)';
const budgetKiB = 150;

const gzipKiB = (dist: string, files: Iterable<string>) => {
  let bytes = 0;
  for (const f of files) bytes += gzipSync(readFileSync(join(dist, f))).length;
  return bytes / 1024;
};

/** `assets/x.js` paths of the scripts `index.html` loads and of everything they import statically. */
export function staticGraph(dist: string): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const queue = [
    ...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/([^"]+\.js)"/g),
  ].map((m) => m[1]!);
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    // Static `import … from "./x.js"`, `import "./x.js"` and `export … from "./x.js"`; never `import("./x.js")`.
    for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["']\.\/([^"']+\.js)["']/g))
      queue.push(join('assets', m[1]!));
  }
  return [...seen];
}

/** The `assets/…js` files Chromium fetched while opening `path` and letting the screen settle. */
async function scriptsLoaded(origin: string, path: string, signedIn: boolean, ready: string): Promise<string[]> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ locale: 'en-US' });
    await fakeApi(page, signedIn ? benchSession : null);
    const scripts = new Set<string>();
    page.on('response', (res) => {
      const url = new URL(res.url());
      if (url.origin === origin && url.pathname.endsWith('.js')) scripts.add(url.pathname.slice(1));
    });
    await page.goto(origin + path);
    await page.getByRole('heading', { name: ready }).waitFor();
    await page.waitForLoadState('networkidle');
    return [...scripts];
  } finally {
    await browser.close();
  }
}

export const webInitialJsBenchmark: BenchScenario = {
  name,
  async run(ctx): Promise<Figure[]> {
    const dist = webBuild();
    const graph = staticGraph(dist);
    ctx.log(
      `static graph: ${graph.map((f) => `${f.replace('assets/', '')} ${gzipKiB(dist, [f]).toFixed(1)} KiB`).join(', ')}`,
    );
    const server = await serveDist(dist);
    try {
      const signIn = await scriptsLoaded(server.origin, '/sign-in', false, 'Sign in to Portico');
      const first = await scriptsLoaded(server.origin, '/resources', true, 'Resources');
      const extra = (files: string[]) =>
        files
          .filter((f) => !graph.includes(f))
          .map((f) => f.replace('assets/', ''))
          .join(', ') || 'none';
      ctx.log(`sign-in page loads beyond the graph: ${extra(signIn)}`);
      ctx.log(`first screen after sign-in loads beyond the graph: ${extra(first)}`);
      return [
        atMost(name, 'entry + static imports of index.html', gzipKiB(dist, graph), 'KiB', budgetKiB),
        atMost(name, 'loaded by Chromium on the sign-in page', gzipKiB(dist, signIn), 'KiB', budgetKiB),
        atMost(name, 'loaded by Chromium on the first screen after sign-in', gzipKiB(dist, first), 'KiB', budgetKiB),
      ];
    } finally {
      await server.close();
    }
  },
};
