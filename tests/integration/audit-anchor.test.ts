/**
 * SPEC §9 "an anchored audit chain": the signed chain head in object storage lets verification
 * detect what the hash chain alone cannot — a deleted tail (still a valid chain) and a chain
 * rewritten end to end after an edit (every hash recomputed) — and a forged anchor.
 */
import { rm, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import { Client } from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { POST as verifyRoute } from "@/app/api/v1/audit/verify/route";
import { readLatestAnchor, verifyAnchoredChain, writeAuditAnchor } from "@/lib/audit/anchor";
import { audit } from "@/lib/audit/record";
import { verifyAuditChain } from "@/lib/audit/verify";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import maintenanceJob from "@/workers/processors/maintenance";
import { apiRequest, createUser, ctxOf, params, sessionCookie } from "../support/factories";

async function asOwner(statements: string[]) {
  const c = new Client({ connectionString: env.MIGRATION_DATABASE_URL });
  await c.connect();
  try {
    await c.query("begin");
    for (const s of statements) await c.query(s);
    await c.query("commit");
  } finally {
    await c.end();
  }
}

/** Write `n` audit rows of this test; returns their ids. */
async function rows(n: number, tag: string): Promise<number[]> {
  const ctx = ctxOf(await createUser("admin"));
  for (let i = 0; i < n; i++) await audit(db, ctx, { action: `test.anchor.${tag}`, resourceType: "test", resourceId: String(i) });
  const { rows: r } = await db.execute<{ id: string }>(sql`select a.id::text as id from audit_events a where a.action = ${`test.anchor.${tag}`} order by a.id`);
  return r.map((x) => Number(x.id));
}

async function anchorDir() {
  const { rows: r } = await db.execute<{ name: string }>(sql`select current_database() as name`);
  return path.resolve(env.STORAGE_DIR, "audit-anchors", r[0]!.name);
}

// Anchors of this database are removed after each test so other test files start without one.
afterEach(async () => rm(await anchorDir(), { recursive: true, force: true }));

describe("the anchored audit chain", () => {
  it("writes a signed anchor of the head from the maintenance job, skips an unchanged head, and matches", async () => {
    const ids = await rows(2, "write");
    const job = (await maintenanceJob({ name: "audit-anchor", data: {} } as never)) as { written: boolean };
    expect(job.written).toBe(true);
    const anchor = (await readLatestAnchor(db))!;
    expect(anchor.headId).toBeGreaterThanOrEqual(ids.at(-1)!);
    expect(anchor.signature).toMatch(/^[A-Za-z0-9+/=]{80,}$/);
    expect(await writeAuditAnchor(db)).toEqual({ written: false, reason: "unchanged" });
    await rows(1, "write-more");
    const v = await verifyAnchoredChain(db);
    expect(v).toMatchObject({ ok: true, anchor: { status: "matches", newerRows: 1 } });
  });

  it("detects a deleted tail, which the hash chain alone cannot see", async () => {
    const ids = await rows(3, "tail");
    await writeAuditAnchor(db);
    const head = (await readLatestAnchor(db))!.headId;
    await asOwner([
      "alter table audit_events disable trigger audit_events_no_update",
      `delete from audit_events where id >= ${ids[1]}`,
      "alter table audit_events enable trigger audit_events_no_update",
    ]);
    expect((await verifyAuditChain(db)).ok).toBe(true); // a shorter chain is still a valid chain
    const v = await verifyAnchoredChain(db);
    expect(v.anchor).toMatchObject({ status: "tail_deleted", missingFrom: ids[0]! + 1, anchor: { headId: head } });
    // The job refuses to anchor the shortened chain (which would launder the deletion).
    expect(await writeAuditAnchor(db)).toEqual({ written: false, reason: "chain_fails" });
    // The admin endpoint reports it.
    const { cookie } = await sessionCookie(await createUser("admin"));
    const res = await verifyRoute(apiRequest("/api/v1/audit/verify", { cookie, method: "POST" }), params({}));
    expect(await res.json()).toMatchObject({ ok: false, anchor: { status: "tail_deleted", headId: head } });
  });

  it("detects a chain rewritten end to end after an edit", async () => {
    const ids = await rows(3, "rewrite");
    await writeAuditAnchor(db);
    // What an attacker with the owner's credentials would do: edit a row, then recompute every later hash.
    await asOwner([
      "alter table audit_events disable trigger audit_events_no_update",
      `update audit_events set resource_id = 'forged' where id = ${ids[0]}`,
      `do $$ declare r audit_events; prev text; begin
         select hash into prev from audit_events where id < ${ids[0]} order by id desc limit 1;
         for r in select * from audit_events where id >= ${ids[0]} order by id loop
           update audit_events set prev_hash = prev, hash = audit_row_hash(prev, r) where id = r.id;
           prev := audit_row_hash(prev, r);
         end loop;
       end $$`,
      "alter table audit_events enable trigger audit_events_no_update",
    ]);
    expect((await verifyAuditChain(db)).ok).toBe(true); // every hash recomputed: the chain alone is fooled
    expect((await verifyAnchoredChain(db)).anchor.status).toBe("rewritten");
  });

  it("refuses an anchor whose signature does not verify", async () => {
    await rows(1, "forged");
    await writeAuditAnchor(db);
    const file = path.join(await anchorDir(), "latest.json");
    const anchor = JSON.parse(await readFile(file, "utf8"));
    await writeFile(file, JSON.stringify({ ...anchor, headId: anchor.headId - 1 }));
    expect((await verifyAnchoredChain(db)).anchor.status).toBe("bad_signature");
  });
});
