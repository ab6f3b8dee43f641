import { defineConfig } from "vitest/config";
import path from "node:path";

// One Redis and one PostgreSQL serve every run on a machine: each run gets its own key prefix and
// its own database (created and dropped by tests/integration/global-setup.ts), so runs never collide.
const runId = `${process.pid}_${Date.now().toString(36)}`;
const runPrefix = `dermrelay-test-${runId}`;
process.env.TEST_DATABASE_URL ??= `postgres://postgres@127.0.0.1:5432/dermrelay_test_${runId}`;
process.env.TEST_QUEUE_PREFIX = runPrefix;
// TEST_DATABASE_URL is the owner (migrations, out-of-band tampering in tests); the code under test
// logs in as the runtime role, exactly as the app does in production.
// (Same rule as lib/db/urls.ts, inlined: the config loader wants no extension-less local imports.)
const runtime = new URL(process.env.TEST_DATABASE_URL);
runtime.username = "dermrelay_app";
runtime.password = "";
const runtimeUrl = runtime.toString();

export default defineConfig({
  resolve: {
    alias: [
      { find: "@", replacement: path.resolve(import.meta.dirname) },
      // next-auth imports "next/server" without an extension; Next's package has no exports map.
      { find: /^next\/server$/, replacement: "next/server.js" },
    ],
  },
  test: {
    // Let Vite resolve next-auth's imports (see the alias above) instead of Node.
    server: { deps: { inline: [/next-auth/] } },
    env: {
      NODE_ENV: "test",
      DATABASE_URL: runtimeUrl,
      MIGRATION_DATABASE_URL: process.env.TEST_DATABASE_URL,
      QUEUE_PREFIX: runPrefix,
      STORAGE_DIR: path.resolve(import.meta.dirname, ".data/test-objects"),
      LOG_LEVEL: "silent",
      MFA_REQUIRED_ROLES: "none",
    },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/integration/global-setup.ts"],
          setupFiles: ["tests/integration/setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
