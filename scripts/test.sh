#!/usr/bin/env bash
# `npm test`: the whole suite on real services — typecheck, lint, unit, integration, then a
# production build served with its worker and driven by Playwright in Debian Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules/next ] || npm ci --no-audit --no-fund
bash scripts/services.sh
bash scripts/system-packages.sh

export NEXT_TELEMETRY_DISABLED=1
step() { printf '\n=== %s ===\n' "$1"; }
step "typecheck"; node_modules/.bin/tsc --noEmit -p .
step "lint"; node_modules/.bin/eslint . --max-warnings=0
step "unit"; node_modules/.bin/vitest run --project unit
step "integration"; node_modules/.bin/vitest run --project integration
step "build"; node_modules/.bin/next build
step "end-to-end"
export E2E_QUEUE_PREFIX="dermrelay-e2e-$(date +%s)-$$"
trap 'node_modules/.bin/tsx tests/e2e/cleanup.ts || true' EXIT
node_modules/.bin/tsx tests/e2e/prepare.ts
node_modules/.bin/playwright test
