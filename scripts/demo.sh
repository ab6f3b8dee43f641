#!/usr/bin/env bash
# `npm run demo`: from a fresh clone to a running DermRelay on http://localhost:3000 with the
# worker beside it. Installs dependencies when missing, brings up services, migrates, seeds,
# builds and serves. Ctrl-C stops both processes.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules/next ] || npm ci --no-audit --no-fund
bash scripts/services.sh
export NODE_ENV=development NEXT_TELEMETRY_DISABLED=1
eval "$(npx tsx scripts/dev-secrets.ts)"
export MFA_REQUIRED_ROLES="${MFA_REQUIRED_ROLES:-none}"
npx tsx scripts/migrate.ts
npx tsx scripts/seed.ts
unset NODE_ENV
node_modules/.bin/next build
export PORT="${PORT:-3000}"

bash scripts/worker.sh &
worker=$!
NODE_ENV=production node_modules/.bin/next start -p "$PORT" &
web=$!
stop() { kill -TERM "$web" "$worker" 2>/dev/null || true; wait "$web" "$worker" 2>/dev/null || true; }
trap 'stop; exit 0' INT TERM

cat <<MSG

DermRelay is starting on http://localhost:$PORT (worker pid $worker, web pid $web)
Demo accounts (password: demo-password):
  admin@demo.test          administrator
  specialist@demo.test     dermatologist
  specialist2@demo.test    dermatologist
  referrer@northside.test  referring clinician, Northside
  referrer@riverside.test  referring clinician, Riverside
Press Ctrl-C to stop.

MSG
wait -n "$web" "$worker" || true
stop
