// Totals the JSON reports every suite writes (Vitest per package and for the bench's support,
// Playwright for e2e)
// into the one line CI reads: "N passed, N failed".
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = [];
for (const group of ['apps', 'packages']) {
  for (const name of readdirSync(join(root, group))) {
    reports.push(join(root, group, name, '.reports', 'vitest.json'));
  }
}
reports.push(join(root, 'bench', '.reports', 'vitest.json'));
reports.push(join(root, 'e2e', '.reports', 'playwright.json'));
const dependencyAudit = join(root, '.reports', 'dependency-audit.json');

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of reports) {
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if (report.stats && 'expected' in report.stats) {
    // Playwright: expected = passed, unexpected = failed, flaky passed on retry.
    passed += report.stats.expected + (report.stats.flaky ?? 0);
    failed += report.stats.unexpected;
    skipped += report.stats.skipped;
  } else {
    passed += report.numPassedTests ?? 0;
    failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  }
  const total =
    report.numTotalTests ??
    (report.stats
      ? report.stats.expected + report.stats.unexpected + (report.stats.flaky ?? 0) + report.stats.skipped
      : '');
  console.log(`  ${file.slice(root.length)}: ${total}`.trimEnd());
}
// The dependency audit is one check: passed, failed, or skipped when its service is unreachable.
if (existsSync(dependencyAudit)) {
  const audit = JSON.parse(readFileSync(dependencyAudit, 'utf8'));
  passed += audit.passed;
  failed += audit.failed;
  skipped += audit.skipped;
  console.log(
    `  .reports/dependency-audit.json: ${audit.reason ?? (audit.failed ? audit.serious.join('; ') : 'no high or critical')}`,
  );
}
// Steps the test script saw fail (lint, typecheck, build, a suite's command) count too.
const failedSteps = (process.env.FAILED_STEPS ?? '').split('\n').filter(Boolean);
for (const step of failedSteps) console.log(`  failed step: ${step}`);
const suiteFailures = failed;
failed += failedSteps.filter(
  (s) => !/^(pnpm (exec turbo run test|e2e)|node scripts\/audit-deps)/.test(s) || suiteFailures === 0,
).length;
// The totals line is last and exactly "N passed, N failed", the form CI reads; skips go on the line before.
console.log(`  skipped: ${skipped}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
