/// <reference lib="dom" />
// The audit matrix's search filter in Chromium: from a keystroke in "Search name or ID" to the
// frame that shows the filtered matrix painted. The production build is served from loopback, a
// stored audit of 10 000 contract-shaped rows comes from `page.route` fixtures, and the same
// keystrokes on a 100-row audit, in the same run, are the baseline.
import {
  auditDetailSchema,
  permissionSwitches,
  resourceTypes,
  switchesByResourceType,
  type AuditDetail,
  type AuditRow,
} from '@portico/api-types';
import type { Browser } from '@playwright/test';
import { benchSession, fakeApi, launchChromium, serveDist, webBuild } from './support/web-app';
import { atMost, type BenchScenario, type Figure } from './support/scenario';

const name = 'web audit matrix filter (keystroke to painted result, Chromium)';
const targetMs = 100;
const auditId = 'a-bench';
const workspaceId = 'ws-bench';

/** `count` rows of every type, a tenth non-compliant and a fiftieth failed reads. */
function auditOf(count: number): AuditDetail {
  const rows: AuditRow[] = Array.from({ length: count }, (_, i) => {
    const type = resourceTypes[i % resourceTypes.length]!;
    const id = `${type.slice(0, 3)}-${String(i).padStart(5, '0')}`;
    if (i % 50 === 7) {
      const error = {
        status: 503,
        service: 'insight' as const,
        code: 'DLI.0999',
        message: 'Service busy',
        request_id: `up-${i}`,
      };
      return { resource_type: type, resource_id: id, status: 'failed', error, compliance: 'unknown', findings: [] };
    }
    const nonCompliant = i % 10 === 3;
    const switches = Object.fromEntries(
      switchesByResourceType[type].map((s, k) => [s, (i + k) % 3 === 0 || (nonCompliant && s === 'edit')]),
    );
    return {
      resource_type: type,
      resource_id: id,
      name: `${['Sales', 'Finance', 'Risk', 'Growth', 'Ops'][i % 5]} ${type} ${String(i).padStart(5, '0')}`,
      owner: `u-${i % 40}`,
      owner_name: `owner-${i % 40}`,
      switches,
      update_user_name: `editor-${i % 25}`,
      update_date: Date.UTC(2026, 0, 1) + i * 60_000,
      status: 'ok',
      compliance: nonCompliant ? 'non_compliant' : 'compliant',
      findings: nonCompliant
        ? [{ rule_id: 'no-edit', kind: 'must_be_off', switch: 'edit', message: 'edit must be off' }]
        : [],
    };
  });
  const counts = Object.fromEntries(
    resourceTypes.map((type) => {
      const of = rows.filter((r) => r.resource_type === type);
      const on = Object.fromEntries(permissionSwitches.map((s) => [s, of.filter((r) => r.switches?.[s]).length]));
      return [
        type,
        {
          total: of.length,
          failed: of.filter((r) => r.status === 'failed').length,
          non_compliant: of.filter((r) => r.compliance === 'non_compliant').length,
          switches_on: on,
        },
      ];
    }),
  );
  // The fixture goes through the contract, as the web app's own parse will.
  return auditDetailSchema.parse({
    id: auditId,
    workspace_id: workspaceId,
    project_id: benchSession.project_id,
    run_by: benchSession.user.name,
    run_by_role: 'admin',
    started_at: '2026-01-10T10:00:00Z',
    finished_at: '2026-01-10T10:00:30Z',
    status: 'finished',
    resource_types: [...resourceTypes],
    policy_version: 1,
    total: count,
    done: count,
    failed_count: rows.filter((r) => r.status === 'failed').length,
    non_compliant_count: rows.filter((r) => r.compliance === 'non_compliant').length,
    enumeration_errors: [],
    counts,
    rows,
  });
}

/** Rows the matrix shows for `search`, as `filterAndSortRows` counts them. */
const shownFor = (rows: readonly AuditRow[], search: string) => {
  const needle = search.trim().toLowerCase();
  return needle
    ? rows.filter((r) => r.name?.toLowerCase().includes(needle) || r.resource_id.toLowerCase().includes(needle)).length
    : rows.length;
};

/**
 * Keystrokes that each change what the matrix shows: a digit narrows the rows, Backspace brings
 * all of them back (the heavier direction: every row is filtered and sorted again).
 */
const keystrokes = (count: number) =>
  Array.from({ length: count }, (_, i) => (i % 2 === 0 ? String(1 + ((i / 2) % 9)) : 'Backspace'));

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** Opens the stored audit of `rowCount` rows and times each keystroke; ms per keystroke. */
async function measure(browser: Browser, origin: string, rowCount: number, keys: readonly string[]): Promise<number[]> {
  const audit = auditOf(rowCount);
  const page = await browser.newPage({ locale: 'en-US', viewport: { width: 1400, height: 1000 } });
  try {
    await fakeApi(page, benchSession, (method, path) => {
      if (method === 'GET' && path === '/api/audits') {
        const { rows: _rows, counts: _counts, ...summary } = audit;
        return { body: { total: 1, offset: 0, limit: 50, items: [summary] } };
      }
      if (method === 'GET' && path === `/api/audits/${auditId}`) return { body: audit };
      return undefined;
    });
    // tsx keeps function names through an `__name` helper, which code sent into the page lacks.
    await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    await page.goto(`${origin}/audit?ws=${workspaceId}`);
    await page.getByRole('button', { name: /^Audit of / }).click();
    const fmt = new Intl.NumberFormat('en-US');
    const statusText = (shown: number) => `${fmt.format(shown)} of ${fmt.format(rowCount)} rows shown`;
    await page.getByText(statusText(rowCount), { exact: true }).waitFor({ timeout: 60_000 });
    const search = page.getByLabel('Search name or ID');
    await search.focus();

    const times: number[] = [];
    let query = '';
    for (const key of keys) {
      const next = key === 'Backspace' ? query.slice(0, -1) : query + key;
      const expected = statusText(shownFor(audit.rows, next));
      if (next !== query && expected === statusText(shownFor(audit.rows, query))) {
        throw new Error(`keystroke ${key} after "${query}" would not change the matrix: it could not be timed`);
      }
      // In the page: from the keydown's own timestamp to the first frame painted after the matrix
      // (and its "n of N rows shown", committed with it) reflects the new filter.
      await page.evaluate((want: string) => {
        const input = document.getElementById('af-search');
        const status = [...document.querySelectorAll('[role="status"]')].find((el) =>
          el.textContent?.endsWith(' rows shown'),
        );
        if (!input || !status) throw new Error('matrix search or its status not found');
        (window as unknown as { benchPainted: Promise<number> }).benchPainted = new Promise<number>(
          (resolve, reject) => {
            const timeout = setTimeout(
              () =>
                reject(
                  new Error(
                    `no "${want}" within 30 s: "${status.textContent}", search "${(input as HTMLInputElement).value}"`,
                  ),
                ),
              30_000,
            );
            input.addEventListener(
              'keydown',
              (e) => {
                const t0 = e.timeStamp;
                // A task queued from a frame callback runs once that frame is painted.
                const painted = () =>
                  requestAnimationFrame(() =>
                    setTimeout(() => {
                      clearTimeout(timeout);
                      resolve(performance.now() - t0);
                    }),
                  );
                const seen = () => status.textContent === want;
                if (seen()) return painted();
                const watch = new MutationObserver(() => {
                  if (!seen()) return;
                  watch.disconnect();
                  painted();
                });
                watch.observe(status, { childList: true, characterData: true, subtree: true });
              },
              { once: true, capture: true },
            );
          },
        );
      }, expected);
      await search.press(key);
      times.push(await page.evaluate(() => (window as unknown as { benchPainted: Promise<number> }).benchPainted));
      query = next;
      // A person types about five keys a second: the next key comes after the page settled.
      await page.waitForTimeout(150);
    }
    return times;
  } finally {
    await page.close();
  }
}

export const webMatrixFilterBenchmark: BenchScenario = {
  name,
  async run(ctx): Promise<Figure[]> {
    const rowCount = ctx.quick ? 1_000 : 10_000;
    const baselineRows = 100;
    const warmUp = 4;
    const keys = keystrokes(warmUp + 20);
    const dist = webBuild();
    const server = await serveDist(dist);
    const browser = await launchChromium();
    try {
      const summary = async (rows: number) => {
        const times = (await measure(browser, server.origin, rows, keys)).slice(warmUp);
        const sorted = [...times].sort((a, b) => a - b);
        ctx.log(`${rows} rows: ${times.map((t) => t.toFixed(0)).join(' ')} ms`);
        return { median: percentile(sorted, 50), p95: percentile(sorted, 95) };
      };
      const base = await summary(baselineRows);
      const big = await summary(rowCount);
      ctx.log(`baseline ${baselineRows} rows: median ${base.median.toFixed(1)} ms, p95 ${base.p95.toFixed(1)} ms`);
      ctx.log(
        `${rowCount} rows: median ${big.median.toFixed(1)} ms, p95 ${big.p95.toFixed(1)} ms; ×${(big.median / base.median).toFixed(2)} the ${baselineRows}-row median`,
      );
      return [
        atMost(name, `median, ${rowCount} rows`, big.median, 'ms', targetMs),
        atMost(name, `p95, ${rowCount} rows`, big.p95, 'ms', targetMs),
      ];
    } finally {
      await browser.close();
      await server.close();
    }
  },
};
