// A bounded soak: simulated users (200; 20 with --quick) sign in through the BFF and mix
// permission reads and saves, exports and imports for 60 s (10 s) against the emulator, which
// injects 1 % upstream 5xx. Figures: unexpected errors (any error but the injected 5xx and ROMA's
// "an asset job is already running", which its spec prescribes for a user's second import),
// activity entries written ÷ operations that log one, entries left pending (none may be), and the
// BFF's RSS after the soak (settled) ÷ its RSS after a warm-up of the same mix, each read after a
// full garbage collection.
import { bffErrorSchema } from '@portico/api-types';
import { demo } from '../apps/emulator/src/demo';
import { buildAssetPackage } from '../apps/emulator/src/testing/asset-package';
import { collectGarbage } from './support/inspector';
import { rssOf } from './support/rss-sampler';
import { atMost, type BenchScenario, type Figure } from './support/scenario';
import { startStack, type Stack } from './support/stack';
import { seededRandom as seeded } from '../apps/bff/src/testing/seeded-random';

const name = 'soak: simulated users mixing reads, saves, exports and imports';
const injectedErrorRate = 0.01;
const jobAlreadyRunning = 'ROMA.10012';

type Op = 'read' | 'list' | 'save' | 'export' | 'import';
/** Operations that write one activity entry whatever their outcome. */
const logged: ReadonlySet<Op | 'sign-in'> = new Set(['sign-in', 'save', 'export', 'import']);

interface Tally {
  requests: number;
  loggedOps: number;
  injected: number;
  refusedBySpec: number;
  unexpected: string[];
}

const assetZip = Buffer.from(buildAssetPackage({ asset_version: '1', applications: [{ name: 'soak' }], tasks: [] }));

/** Reads an answer whole and sorts it: success, injected, refused by spec, or unexpected. */
async function classify(op: Op | 'sign-in', res: Response, tally: Tally): Promise<unknown> {
  tally.requests++;
  if (logged.has(op)) tally.loggedOps++;
  const text = Buffer.from(await res.arrayBuffer()).toString('utf8');
  if (res.status < 400) return op === 'export' ? undefined : JSON.parse(text);
  const parsed = bffErrorSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    tally.unexpected.push(`${op} ${res.status}: not the error shape: ${text.slice(0, 120)}`);
    return undefined;
  }
  const { code, upstream } = parsed.data.error;
  if (code === 'upstream_error' && (upstream?.status === 500 || upstream?.status === 503)) tally.injected++;
  else if (op === 'import' && upstream?.code === jobAlreadyRunning) tally.refusedBySpec++;
  else tally.unexpected.push(`${op} ${res.status} ${code} ${upstream?.code ?? ''}`);
  return undefined;
}

async function simulatedUser(stack: Stack, index: number, until: number, tally: Tally, resourceIds: string[]) {
  const random = seeded(1000 + index);
  // Operators and admins may save, export and import; each simulated user signs in for itself.
  const user = index % 2 === 0 ? demo.users.operator : demo.users.admin;
  const url = stack.bff.url;
  let headers: Record<string, string>;
  try {
    const res = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ domain: demo.domainName, username: user.name, password: user.password }),
    });
    const session = (await classify('sign-in', res, tally)) as { csrf_token: string } | undefined;
    if (!session) return;
    headers = { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': session.csrf_token };
  } catch (e) {
    tally.unexpected.push(`sign-in: ${String((e as Error).cause ?? e)}`);
    return;
  }
  while (Date.now() < until) {
    const r = random();
    const id = resourceIds[Math.floor(random() * resourceIds.length)]!;
    const op: Op = r < 0.4 ? 'read' : r < 0.55 ? 'list' : r < 0.8 ? 'save' : r < 0.93 ? 'export' : 'import';
    const json = { ...headers, 'content-type': 'application/json' };
    try {
      let res: Response;
      if (op === 'read')
        res = await fetch(`${url}/api/insight/permissions?resource_type=dashboard&resource_id=${id}`, { headers });
      else if (op === 'list') res = await fetch(`${url}/api/insight/resources?type=dashboard&limit=10`, { headers });
      else if (op === 'save')
        res = await fetch(`${url}/api/insight/permissions`, {
          method: 'PUT',
          headers: json,
          body: JSON.stringify({
            resource_type: 'dashboard',
            resource_id: id,
            auth_switch_config: { read: random() < 0.5 },
          }),
        });
      else if (op === 'export')
        res = await fetch(`${url}/api/insight/resource-packages/export`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ name: `soak-${index}`, resources: [{ resource_type: 'dashboard', resource_id: id }] }),
        });
      else {
        const form = new FormData();
        form.append('ImportAssetRequestBody', new Blob([assetZip], { type: 'application/zip' }), 'soak.zip');
        res = await fetch(`${url}/api/roma/assets/import?type=AddNew&prefix=soak_`, {
          method: 'POST',
          headers,
          body: form,
        });
      }
      await classify(op, res, tally);
    } catch (e) {
      tally.unexpected.push(`${op}: ${String((e as Error).cause ?? e)}`);
    }
    // Think time: people click, read, click again.
    await new Promise((resolve) => setTimeout(resolve, 100 + random() * 400));
  }
}

async function activityTotal(stack: Stack, outcome?: 'pending'): Promise<number> {
  const q = outcome ? `&outcome=${outcome}` : '';
  const res = await fetch(`${stack.bff.url}/api/activity?limit=1${q}`, { headers: stack.bffHeaders });
  return ((await res.json()) as { total: number }).total;
}

async function round(stack: Stack, users: number, seconds: number, resourceIds: string[]): Promise<Tally> {
  const tally: Tally = { requests: 0, loggedOps: 0, injected: 0, refusedBySpec: 0, unexpected: [] };
  const until = Date.now() + seconds * 1000;
  await Promise.all(Array.from({ length: users }, (_, i) => simulatedUser(stack, i, until, tally, resourceIds)));
  return tally;
}

/**
 * The BFF's RSS once it has been idle a while (the median of a few samples), before and after a
 * full garbage collection: V8 collects its old generation only when it needs to, so without one
 * the RSS still holds the soak's garbage, which says nothing about what the BFF keeps.
 */
async function settledRss(stack: Stack, settleMs: number): Promise<{ before: number; after: number }> {
  const median = async () => {
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      samples.push(rssOf(stack.bff.pid));
      await new Promise((r) => setTimeout(r, 200));
    }
    return samples.sort((a, b) => a - b)[2]!;
  };
  await new Promise((r) => setTimeout(r, settleMs));
  const before = await median();
  await collectGarbage(stack.bffInspectPort!);
  await new Promise((r) => setTimeout(r, 1000));
  return { before, after: await median() };
}

export const soak: BenchScenario = {
  name,
  async run({ quick, log }) {
    const users = quick ? 20 : 200;
    const seconds = quick ? 10 : 60;
    const stack = await startStack({
      inspect: true,
      // Short asset jobs: a user's next import is refused only while its last one runs.
      emulatorEnv: { FAULT_ERROR_RATE: String(injectedErrorRate), ASSET_JOB_DURATION_MS: '200', SEED_RESOURCES: '50' },
    });
    try {
      const list = await fetch(`${stack.bff.url}/api/insight/resources?type=dashboard&limit=20`, {
        headers: stack.bffHeaders,
      });
      const resourceIds = ((await list.json()) as { items: { id: string }[] }).items.map((i) => i.id);
      if (resourceIds.length === 0) throw new Error('no dashboards in the emulator');

      // Warm-up with the same mix (JIT, pools, caches), so the baseline is a working BFF's.
      await round(stack, users, Math.max(3, seconds / 10), resourceIds);
      const rssBaseline = await settledRss(stack, 3000);
      const entriesBefore = await activityTotal(stack);

      const started = Date.now();
      const tally = await round(stack, users, seconds, resourceIds);
      const elapsed = (Date.now() - started) / 1000;
      const entries = (await activityTotal(stack)) - entriesBefore;
      // Every entry is written pending before its upstream call and settled after: none may stay.
      const pending = await activityTotal(stack, 'pending');
      const rssAfter = await settledRss(stack, 5000);

      log(
        `${users} users, ${elapsed.toFixed(0)} s: ${tally.requests} requests (${(tally.requests / elapsed).toFixed(0)}/s), ` +
          `${tally.injected} injected 5xx answered 502, ${tally.refusedBySpec} imports refused while a job ran (${jobAlreadyRunning})`,
      );
      log(
        `activity: ${entries} entries for ${tally.loggedOps} sign-ins, saves, exports and imports; ${pending} left pending`,
      );
      const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;
      log(
        `BFF RSS after a full GC: ${mib(rssBaseline.after)} after warm-up, ${mib(rssAfter.after)} after the soak ` +
          `(before the GC: ${mib(rssBaseline.before)}, ${mib(rssAfter.before)})`,
      );
      for (const u of [...new Set(tally.unexpected)].slice(0, 10)) log(`unexpected: ${u}`);

      const ratio = tally.loggedOps === 0 ? 0 : entries / tally.loggedOps;
      const complete: Figure = {
        scenario: name,
        figure: 'activity entries ÷ logged operations',
        value: ratio,
        unit: '×',
        target: '= 1',
        holds: ratio === 1,
      };
      return [
        atMost(name, 'unexpected errors', tally.unexpected.length, '', 0),
        complete,
        atMost(name, 'activity entries left pending', pending, '', 0),
        atMost(
          name,
          'BFF RSS after ÷ after warm-up (each after a full GC)',
          rssAfter.after / rssBaseline.after,
          '×',
          1.1,
        ),
      ];
    } finally {
      await stack.close();
    }
  },
};
