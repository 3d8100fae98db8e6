#!/usr/bin/env bash
# Installs everything (Chromium included) and runs every check and test, e2e in Chromium too.
# Ends with one line, "N passed, N failed", that totals every suite.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --browser || exit 1
export PATH="$(pwd)/.tools/node_modules/.bin:$PATH" TURBO_TELEMETRY_DISABLED=1
rm -rf .reports apps/*/.reports packages/*/.reports bench/.reports e2e/.reports

status=0
failed_steps=()
step() {
  echo "› $*"
  "$@" || { status=1; failed_steps+=("$*"); }
}
step pnpm lint
step pnpm format:check
step pnpm typecheck
step pnpm build
step pnpm exec turbo run test --concurrency=1 --continue
step pnpm e2e
step node scripts/audit-deps.mjs
# A step that failed outside any test (lint, typecheck, build, a suite that never reported)
# counts as one failure, so the totals line never reads "0 failed" for a broken run.
FAILED_STEPS="$(IFS=$'\n'; echo "${failed_steps[*]:-}")" node scripts/summarize-tests.mjs || status=1
exit $status
