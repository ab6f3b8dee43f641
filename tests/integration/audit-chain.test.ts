import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { Client } from "pg";
import { APP_DB_ROLE, db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { audit } from "@/lib/audit/record";
import { verifyAuditChain } from "@/lib/audit/verify";
import { createUser, ctxOf } from "../support/factories";

/** A connection as the schema owner (what migrations use), not the app role. */
async function withOwner<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: env.MIGRATION_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe("audit log", () => {
  it("chains each row to the previous one, also under concurrent writers", async () => {
    const ctx = ctxOf(await createUser("admin"));
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction((tx) => audit(tx, ctx, { action: "test.concurrent", resourceType: "test", resourceId: String(i) })),
      ),
    );
    const result = await verifyAuditChain(db);
    expect(result.ok).toBe(true);
    expect(result.rows).toBeGreaterThanOrEqual(20);
  });

  it("the app's database role can neither UPDATE, DELETE nor TRUNCATE it, nor alter the schema", async () => {
    const ctx = ctxOf(await createUser("admin"));
    await audit(db, ctx, { action: "test.immutable", resourceType: "test" });
    const denied = { cause: expect.objectContaining({ message: expect.stringMatching(/permission denied|must be owner/) }) };
    await expect(db.execute(sql`update audit_events set action = 'x' where action = 'test.immutable'`)).rejects.toMatchObject(denied);
    await expect(db.execute(sql`delete from audit_events where action = 'test.immutable'`)).rejects.toMatchObject(denied);
    await expect(db.execute(sql`truncate audit_events`)).rejects.toMatchObject(denied);
    await expect(db.execute(sql`alter table audit_events disable trigger audit_events_no_update`)).rejects.toMatchObject(denied);
    await expect(db.execute(sql`drop table outbox`)).rejects.toMatchObject(denied);
    const [{ role }] = (await db.execute<{ role: string }>(sql`select current_user as role`)).rows as [{ role: string }];
    expect(role).toBe(APP_DB_ROLE);
  });

  it("even the schema owner is refused by the append-only triggers", async () => {
    await withOwner(async (owner) => {
      await expect(owner.query("update audit_events set action = 'x' where id = (select max(id) from audit_events)")).rejects.toThrow(/append-only/);
      await expect(owner.query("delete from audit_events where id = (select max(id) from audit_events)")).rejects.toThrow(/append-only/);
      await expect(owner.query("truncate audit_events")).rejects.toThrow(/append-only/);
    });
  });

  it("detects a row altered behind the triggers' back", async () => {
    const ctx = ctxOf(await createUser("admin"));
    await audit(db, ctx, { action: "test.tamper", resourceType: "test", resourceId: "original" });
    const [{ id }] = (await db.execute<{ id: string }>(sql`select max(id)::text as id from audit_events where action = 'test.tamper'`)).rows as [{ id: string }];
    // Only the schema owner can do this, and only by disabling the trigger: what an attacker with the DB would do.
    const tamper = (value: string) =>
      withOwner(async (owner) => {
        await owner.query("begin");
        await owner.query("alter table audit_events disable trigger audit_events_no_update");
        await owner.query("update audit_events set resource_id = $1 where id = $2", [value, Number(id)]);
        await owner.query("alter table audit_events enable trigger audit_events_no_update");
        await owner.query("commit");
      });
    await tamper("forged");
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBadId: Number(id) });
    await tamper("original");
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
