import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { audit } from "@/lib/audit/record";
import { verifyAuditChain } from "@/lib/audit/verify";
import { createUser, ctxOf } from "../support/factories";

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

  it("refuses UPDATE, DELETE and TRUNCATE", async () => {
    const ctx = ctxOf(await createUser("admin"));
    await audit(db, ctx, { action: "test.immutable", resourceType: "test" });
    const refused = { cause: expect.objectContaining({ message: "audit_events is append-only" }) };
    await expect(db.execute(sql`update audit_events set action = 'x' where action = 'test.immutable'`)).rejects.toMatchObject(refused);
    await expect(db.execute(sql`delete from audit_events where action = 'test.immutable'`)).rejects.toMatchObject(refused);
    await expect(db.execute(sql`truncate audit_events`)).rejects.toMatchObject(refused);
  });

  it("detects a row altered behind the triggers' back", async () => {
    const ctx = ctxOf(await createUser("admin"));
    await audit(db, ctx, { action: "test.tamper", resourceType: "test", resourceId: "original" });
    const [{ id }] = (await db.execute<{ id: string }>(sql`select max(id)::text as id from audit_events where action = 'test.tamper'`)).rows as [{ id: string }];
    // Only the schema owner can do this, and only by disabling the trigger: what an attacker with the DB would do.
    const tamper = (value: string) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`alter table audit_events disable trigger audit_events_no_update`);
        await tx.execute(sql`update audit_events set resource_id = ${value} where id = ${Number(id)}`);
        await tx.execute(sql`alter table audit_events enable trigger audit_events_no_update`);
      });
    await tamper("forged");
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBadId: Number(id) });
    await tamper("original");
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
