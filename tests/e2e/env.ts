/** The environment of the end-to-end stack: its own database, queue prefix, port and secrets. */
const port = Number(process.env.E2E_PORT ?? 3100);

export const E2E_PORT = port;
export const E2E_URL = `http://localhost:${port}`;

import { RUNTIME_DB_ROLE, withDbUser } from "../../lib/db/urls";

/** E2E_DATABASE_URL names the owner (migrations); the servers log in as the runtime role. */
const ownerUrl = process.env.E2E_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/dermrelay_e2e";

export const e2eEnv: Record<string, string> = {
  DATABASE_URL: withDbUser(ownerUrl, RUNTIME_DB_ROLE),
  MIGRATION_DATABASE_URL: ownerUrl,
  REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  QUEUE_PREFIX: process.env.E2E_QUEUE_PREFIX ?? "dermrelay-e2e",
  PORT: String(port),
  APP_URL: E2E_URL,
  AUTH_SECRET: "e2e-only-auth-secret-0123456789abcdef0123456789",
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  AUDIT_ANCHOR_KEY: Buffer.alloc(32, 9).toString("base64"),
  STORAGE_DIR: ".data/e2e-objects",
  MFA_REQUIRED_ROLES: "none",
  LOG_LEVEL: "info",
  // The SMART suite's test EHR listens on plain http on 127.0.0.1 (tests/support/test-ehr.ts).
  SMART_ALLOW_HTTP_LOOPBACK: "true",
  // A receiver origin Subscriptions may name (the admin integrations spec creates and stops one;
  // port 9 is discard, nothing listens).
  FHIR_SUBSCRIPTION_ORIGINS: "http://127.0.0.1:9",
};
