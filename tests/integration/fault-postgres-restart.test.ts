/**
 * Issue 14 fault: PostgreSQL restarted under traffic. A real server process (tests/support/
 * route-server.ts) serves /api/health and /api/v1/cases against a PostgreSQL cluster of this test's
 * own; while referrers keep creating cases the cluster is stopped and started again. /api/health
 * says 503 during the outage and 200 after; every request during it fails cleanly (503 in the
 * error envelope with Retry-After, never a 500 or a stack); afterwards creation works again, and
 * every case row that exists has its audit row (no half-written case).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMigrations } from "@/lib/db/migrate";
import { privatePostgres, type PrivatePostgres } from "../support/private-postgres";

let pg: PrivatePostgres;
let server: ChildProcess;
let base: string;
let cookie: string;
let patientId: string;

beforeAll(async () => {
  pg = await privatePostgres();
  const owner = pg.url("dermrelay_fault");
  const runtime = pg.url("dermrelay_fault", "dermrelay_app");
  await runMigrations(owner, runtime);
  server = spawn("node_modules/.bin/tsx", ["tests/support/route-server.ts"], {
    env: { ...process.env, DATABASE_URL: runtime, MIGRATION_DATABASE_URL: owner, LOG_LEVEL: "silent", QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}-pgfault` },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: server.stdout! }).once("line", resolve);
    server.once("exit", (code) => reject(new Error(`route server exited ${code}`)));
  });
  ({ cookie, patientId } = JSON.parse(first) as { cookie: string; patientId: string });
  base = `http://127.0.0.1:${(JSON.parse(first) as { port: number }).port}`;
}, 120_000);

afterAll(() => {
  server?.kill("SIGTERM");
  pg?.destroy();
});

const createCase = () =>
  fetch(`${base}/api/v1/cases`, {
    method: "POST",
    headers: { cookie, origin: "http://localhost:3000", "content-type": "application/json" },
    body: JSON.stringify({ patientId }),
  });
const health = () => fetch(`${base}/api/health`).then((r) => r.status);

async function until(check: () => Promise<boolean>, ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

describe("PostgreSQL restarted under traffic", () => {
  it("answers 503 cleanly during the outage, recovers after, and leaves no half-written case", async () => {
    expect(await health()).toBe(200);
    expect((await createCase()).status).toBe(201);

    const answers: { status: number; body: string; retryAfter: string | null }[] = [];
    let running = true;
    const traffic = (async () => {
      while (running) {
        const res = await createCase().catch(() => null);
        if (res) answers.push({ status: res.status, body: await res.text(), retryAfter: res.headers.get("retry-after") });
        await new Promise((r) => setTimeout(r, 30));
      }
    })();
    await until(async () => answers.length >= 3, 10_000);

    pg.stop();
    expect(await until(async () => (await health()) === 503, 15_000)).toBe(true);
    const during = answers.length;
    await until(async () => answers.length >= during + 3, 10_000);
    pg.start();
    expect(await until(async () => (await health()) === 200, 30_000)).toBe(true);
    const after = answers.length;
    await until(async () => answers.slice(after).some((a) => a.status === 201), 15_000);
    running = false;
    await traffic;

    const statuses = new Set(answers.map((a) => a.status));
    expect([...statuses].filter((s) => s !== 201 && s !== 503)).toEqual([]); // never a 500
    const failures = answers.filter((a) => a.status === 503);
    expect(failures.length).toBeGreaterThan(0);
    for (const f of failures) {
      expect(JSON.parse(f.body)).toEqual({ error: { code: "unavailable", message: expect.any(String) } });
      expect(f.body).not.toMatch(/\bat |Error:|ECONN|postgres/i);
      expect(f.retryAfter).toBe("5");
    }
    expect(answers.slice(after).some((a) => a.status === 201)).toBe(true);

    // Every case that exists was written whole: its row and its audit row, together.
    const c = new Client({ connectionString: pg.url("dermrelay_fault") });
    await c.connect();
    try {
      const { rows } = await c.query<{ cases: number; audited: number }>(
        `select count(*)::int as cases,
                count(*) filter (where exists (select 1 from audit_events a where a.action = 'case.create' and a.resource_id = c.id::text))::int as audited
           from cases c`,
      );
      const created = answers.filter((a) => a.status === 201).length + 1;
      expect(rows[0]!.audited).toBe(rows[0]!.cases);
      expect(rows[0]!.cases).toBeGreaterThanOrEqual(created);
      expect(rows[0]!.cases).toBeLessThanOrEqual(created + failures.length);
    } finally {
      await c.end();
    }
  }, 120_000);
});
