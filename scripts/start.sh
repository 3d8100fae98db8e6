#!/usr/bin/env bash
# Installs everything, builds, and serves the console on the embedded emulator.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export PATH="$(pwd)/.tools/node_modules/.bin:$PATH" TURBO_TELEMETRY_DISABLED=1
pnpm build
exec pnpm --filter ./apps/bff start
