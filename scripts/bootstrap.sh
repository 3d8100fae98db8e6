#!/usr/bin/env bash
# Installs what Portico needs on a machine that has only Node.js (>= 20.19) and npm:
# pnpm pinned by package.json's packageManager, the workspace's dependencies and,
# with --browser, Debian's Chromium for the end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

want_browser=0
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
    *) echo "bootstrap: unknown option $arg" >&2; exit 2 ;;
  esac
done

node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error("Portico needs Node.js >= 20.19, found "+process.versions.node); process.exit(1) }'

pnpm_version=$(node -p 'require("./package.json").packageManager.split("@")[1]')
export PATH="$root/.tools/node_modules/.bin:$PATH"
if [ "$(pnpm --version 2>/dev/null || true)" != "$pnpm_version" ]; then
  echo "› installing pnpm $pnpm_version into .tools/"
  npm install --prefix "$root/.tools" --no-save --no-audit --no-fund --loglevel=error "pnpm@$pnpm_version" >/dev/null
fi

export TURBO_TELEMETRY_DISABLED=1
# node-gyp builds against the local Node headers instead of downloading them.
export npm_config_nodedir="${npm_config_nodedir:-/usr}"

echo "› installing dependencies (pnpm $(pnpm --version))"
if [ -n "${CI:-}" ]; then
  pnpm install --frozen-lockfile --reporter=append-only
else
  # Bounded: a quiet install once hung with no network or CPU use; the retry shows its progress.
  timeout 600 pnpm install --frozen-lockfile --reporter=silent || pnpm install --frozen-lockfile --reporter=append-only
fi

if [ "$want_browser" = 1 ] && [ -z "${PORTICO_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "› installing Debian's chromium (the end-to-end tests drive it)"
  sudo_cmd=""
  if [ "$(id -u)" != 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi
