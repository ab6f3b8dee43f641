import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as auditRoute } from "@/app/api/v1/audit/route";
import { POST as verifyRoute } from "@/app/api/v1/audit/verify/route";
import { audit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { auditEvents } from "@/lib/db/schema";
import { apiRequest, createUser, ctxOf, params, sessionCookie } from "../support/factories";

describe("audit log viewer", () => {
  it("filters by user, resource, patient, action prefix, outcome and date; pages by keyset without gaps or repeats", async () => {
    const admin = await createUser("admin");
    const { cookie } = await sessionCookie(admin);
    const actor = await createUser("specialist");
    const ctx = ctxOf(actor);
    const patientId = crypto.randomUUID();
    for (let i = 0; i < 7; i++) {
      await audit(db, ctx, { action: i % 2 ? "case.read" : "photo.read", resourceType: i % 2 ? "case" : "photo", resourceId: `res-${i}`, patientId, outcome: i === 6 ? "denied" : "success" });
    }
    const get = async (qs: string) => {
      const res = await auditRoute(apiRequest(`/api/v1/audit?${qs}`, { cookie }), params({}));
      expect(res.status, qs).toBe(200);
      return res.json() as Promise<{ items: { id: number; action: string; outcome: string; resourceId: string }[]; nextCursor: string | null }>;
    };
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof get>> = await get(`actorId=${actor.id}&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen); // newest first

    expect((await get(`actorId=${actor.id}&action=case.`)).items.every((i) => i.action === "case.read")).toBe(true);
    expect((await get(`actorId=${actor.id}&action=case.*`)).items).toHaveLength(3);
    expect((await get(`patientId=${patientId}&outcome=denied`)).items.map((i) => i.resourceId)).toEqual(["res-6"]);
    expect((await get(`resourceId=res-3`)).items.map((i) => i.action)).toEqual(["case.read"]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await get(`actorId=${actor.id}&from=${today}&to=${today}`)).items).toHaveLength(7);
    expect((await get(`actorId=${actor.id}&to=2000-01-01`)).items).toHaveLength(0);

    const bad = await auditRoute(apiRequest(`/api/v1/audit?outcome=maybe`, { cookie }), params({}));
    expect(bad.status).toBe(422);
    const badCursor = await auditRoute(apiRequest(`/api/v1/audit?cursor=zzz`, { cookie }), params({}));
    expect(badCursor.status).toBe(400);

    // Reading the log is itself audited, with the filters used.
    const reads = await db.select({ details: auditEvents.details }).from(auditEvents).where(and(eq(auditEvents.actorId, admin.id), eq(auditEvents.action, "audit.read")));
    expect(reads.length).toBeGreaterThanOrEqual(8);
    expect(reads[0]!.details).toMatchObject({ filters: { actorId: actor.id } });
  });

  it("exports the same events as CSV and audits the export", async () => {
    const admin = await createUser("admin");
    const { cookie } = await sessionCookie(admin);
    const actor = await createUser("referrer");
    await audit(db, ctxOf(actor), { action: "=HYPERLINK(\"x\")", resourceType: "case", resourceId: "r,1" });
    const res = await auditRoute(apiRequest(`/api/v1/audit?actorId=${actor.id}`, { cookie, headers: { accept: "text/csv" } }), params({}));
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("id,at,actor_id,actor_role,action,resource_type,resource_id,patient_id,outcome,ip,request_id,details");
    expect(lines).toHaveLength(2);
    // Formula neutralised, comma quoted.
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")",case,"r,1"`);
    const exports = await db.select().from(auditEvents).where(and(eq(auditEvents.actorId, admin.id), eq(auditEvents.action, "audit.export")));
    expect(exports).toHaveLength(1);
  });

  it("verifies the hash chain and records the verification", async () => {
    const admin = await createUser("admin");
    const { cookie } = await sessionCookie(admin);
    const res = await verifyRoute(apiRequest("/api/v1/audit/verify", { cookie, method: "POST" }), params({}));
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, rows: expect.any(Number), checkedAt: expect.any(String) });
    expect(body.rows).toBeGreaterThan(0);
    const rows = await db.select({ outcome: auditEvents.outcome }).from(auditEvents).where(and(eq(auditEvents.actorId, admin.id), eq(auditEvents.action, "audit.verify")));
    expect(rows).toEqual([{ outcome: "success" }]);
  });
});
