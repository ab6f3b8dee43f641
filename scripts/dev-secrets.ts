/**
 * Prints `export` lines for the development secrets in `.data/dev-secrets.json` (generated on first
 * use by lib/env.ts), so `next start` — which runs with NODE_ENV=production — gets real values.
 */
import { env } from "@/lib/env";

process.stdout.write(
  `export AUTH_SECRET='${env.AUTH_SECRET}'\nexport DATA_ENCRYPTION_KEY='${env.DATA_ENCRYPTION_KEY}'\nexport AUDIT_ANCHOR_KEY='${env.AUDIT_ANCHOR_KEY}'\n`,
);
