import { defineConfig } from "@playwright/test";
import { E2E_PORT, E2E_URL, e2eEnv } from "./tests/e2e/env";

const serverEnv = { ...e2eEnv, NODE_ENV: "production" };

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: E2E_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: [
    {
      command: `node_modules/.bin/next start -p ${E2E_PORT}`,
      url: `${E2E_URL}/api/health`,
      // Warnings and errors only: the access log of every request would drown the test report.
      env: { ...serverEnv, LOG_LEVEL: "warn" },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
    },
    {
      // jemalloc where available, else two glibc arenas (scripts/worker.sh, lib/photos/sharp-memory.ts).
      command: "bash scripts/worker.sh",
      wait: { stdout: /worker started/ },
      env: serverEnv,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    },
  ],
});
