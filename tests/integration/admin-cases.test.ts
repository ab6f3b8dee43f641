/**
 * The case list filters behind the admin case screen (`/admin/cases`), through the real
 * `GET /api/v1/cases` handler: priority, SLA state and clinic narrow the role's scope and combine
 * with status and the keyset cursor; the older parameters keep working; bad values are refused.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listCasesRoute } from "@/app/api/v1/cases/route";
import { db } from "@/lib/db/client";
import { auditEvents, cases } from "@/lib/db/schema";
import type { CaseStatus, Priority } from "@/lib/db/schema/enums";
import type { SlaState } from "@/lib/db/schema/enums";
import { priorityRank } from "@/lib/triage/priority";
import { encodeCursor } from "@/lib/http/cursor";
import { apiRequest, createPatient, createTenant, params, sessionCookie } from "../support/factories";

type Tenant = Awaited<ReturnType<typeof createTenant>>;
type Item = { id: string; status: string; priority: string | null; slaState: string; clinicId: string; claimedByName: string | null; patient: { mrn: string } };
type Page = { items: Item[]; nextCursor: string | null };

const HOUR = 3600_000;

type CaseSpec = { status?: CaseStatus; priority?: Priority | null; slaState?: SlaState; claimed?: boolean; createdAt?: string };

/** A case of `t`'s clinic in the given state, inserted directly (triage and claims have tests of their own). */
async function insertCase(t: Tenant, o: CaseSpec = {}): Promise<string> {
  const patient = await createPatient(t.clinic.id);
  const status = o.status ?? "triaged";
  const priority = o.priority === undefined ? (status === "draft" || status === "submitted" ? null : "routine") : o.priority;
  const now = Date.now();
  const [row] = await db
    .insert(cases)
    .values({
      clinicId: t.clinic.id,
      patientId: patient.id,
      createdBy: t.referrer.id,
      status,
      history: { bodySites: ["39937001"] },
      priority,
      priorityRank: priority ? priorityRank(priority) : null,
      submittedAt: status === "draft" ? null : new Date(now - 2 * HOUR),
      slaDueAt: priority ? new Date(now + 48 * HOUR) : null,
      slaState: o.slaState ?? "ok",
      claimedBy: o.claimed ? t.specialist.id : null,
      claimedAt: o.claimed ? new Date(now) : null,
      // A string goes in as SQL so its microseconds survive (a JS Date keeps milliseconds only).
      ...(o.createdAt ? { createdAt: sql`${o.createdAt}::timestamptz` } : {}),
    })
    .returning({ id: cases.id });
  return row!.id;
}

async function list(cookie: string, query: string): Promise<Page> {
  const res = await listCasesRoute(apiRequest(`/api/v1/cases?${query}`, { cookie }), params({}));
  expect(res.status, query).toBe(200);
  return (await res.json()) as Page;
}

async function status(cookie: string, query: string): Promise<number> {
  return (await listCasesRoute(apiRequest(`/api/v1/cases?${query}`, { cookie }), params({}))).status;
}

const ids = (p: Page) => p.items.map((i) => i.id).sort();

let t: Tenant;
let other: Tenant;
let adminCookie: string;
let c: Record<"draft" | "urgentOk" | "urgentAtRisk" | "soonBreached" | "routineClaimed" | "routineClosed" | "submitted", string>;
let otherCase: string;

beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  adminCookie = (await sessionCookie(t.admin)).cookie;
  c = {
    draft: await insertCase(t, { status: "draft" }),
    urgentOk: await insertCase(t, { priority: "urgent" }),
    urgentAtRisk: await insertCase(t, { priority: "urgent", slaState: "at_risk" }),
    soonBreached: await insertCase(t, { priority: "soon", slaState: "breached" }),
    routineClaimed: await insertCase(t, { status: "in_review", claimed: true }),
    routineClosed: await insertCase(t, { status: "closed", slaState: "breached" }),
    submitted: await insertCase(t, { status: "submitted" }),
  };
  otherCase = await insertCase(other, { priority: "urgent", slaState: "at_risk" });
});

describe("admin case list filters", () => {
  it("clinicId narrows an admin's list to one clinic's submitted cases (never drafts)", async () => {
    const page = await list(adminCookie, `clinicId=${t.clinic.id}&limit=100`);
    expect(ids(page)).toEqual(Object.entries(c).filter(([k]) => k !== "draft").map(([, id]) => id).sort());
    expect(page.items.every((i) => i.clinicId === t.clinic.id)).toBe(true);
    expect(ids(await list(adminCookie, `clinicId=${other.clinic.id}&limit=100`))).toEqual([otherCase]);
  });

  it("filters by priority", async () => {
    expect(ids(await list(adminCookie, `clinicId=${t.clinic.id}&priority=urgent`))).toEqual([c.urgentOk, c.urgentAtRisk].sort());
    expect(ids(await list(adminCookie, `clinicId=${t.clinic.id}&priority=soon`))).toEqual([c.soonBreached]);
    expect(ids(await list(adminCookie, `clinicId=${t.clinic.id}&priority=routine`))).toEqual([c.routineClaimed, c.routineClosed].sort());
  });

  it("filters by SLA state (the stored state the sweeper keeps)", async () => {
    expect(ids(await list(adminCookie, `clinicId=${t.clinic.id}&slaState=at_risk`))).toEqual([c.urgentAtRisk]);
    expect(ids(await list(adminCookie, `clinicId=${t.clinic.id}&slaState=breached`))).toEqual([c.soonBreached, c.routineClosed].sort());
    const ok = await list(adminCookie, `clinicId=${t.clinic.id}&slaState=ok`);
    expect(ids(ok)).toEqual([c.urgentOk, c.routineClaimed, c.submitted].sort());
  });

  it("combines every filter with status, and across clinics without clinicId", async () => {
    expect(ids(await list(adminCookie, `clinicId=${t.clinic.id}&status=closed&priority=routine&slaState=breached`))).toEqual([c.routineClosed]);
    expect((await list(adminCookie, `clinicId=${t.clinic.id}&status=triaged&priority=routine`)).items).toEqual([]);
    // Without clinicId the admin sees every clinic: both at-risk urgent cases appear.
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await list(adminCookie, `priority=urgent&slaState=at_risk&limit=100${cursor ? `&cursor=${cursor}` : ""}`);
      all.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(all).toEqual(expect.arrayContaining([c.urgentAtRisk, otherCase]));
  });

  it("names the claim holder, and only while the case is claimed", async () => {
    const page = await list(adminCookie, `clinicId=${t.clinic.id}&limit=100`);
    const byId = new Map(page.items.map((i) => [i.id, i]));
    expect(byId.get(c.routineClaimed)!.claimedByName).toBe(t.specialist.name);
    expect(byId.get(c.urgentOk)!.claimedByName).toBeNull();
  });

  it("records the filters (ids and codes only) in the audit row of the list", async () => {
    await list(adminCookie, `clinicId=${t.clinic.id}&priority=soon&slaState=breached`);
    const [row] = await db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, t.admin.id), eq(auditEvents.action, "case.list")))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(row!.details).toMatchObject({ clinicId: t.clinic.id, priority: "soon", slaState: "breached", status: null, count: 1 });
  });
});

describe("keyset pagination with filters", () => {
  it("pages a filtered list newest first without skipping or repeating rows created in the same millisecond", async () => {
    const p = await createTenant();
    const cookie = (await sessionCookie(p.admin)).cookie;
    // Creation times that differ only in microseconds stress the cursor (a JS Date would round them).
    const made: string[] = [];
    for (let i = 0; i < 7; i++) made.push(await insertCase(p, { priority: "urgent", createdAt: `2030-01-01 00:00:00.000${i}0${i}+00` }));
    for (let i = 0; i < 3; i++) await insertCase(p, { priority: "routine", createdAt: `2030-01-01 00:00:00.000${i}0${i}+00` });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await list(cookie, `clinicId=${p.clinic.id}&priority=urgent&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      expect(page.items.every((i) => i.priority === "urgent")).toBe(true);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toEqual([...made].reverse());
  });

  it("still accepts a cursor in the older ISO form", async () => {
    const p = await createTenant();
    const cookie = (await sessionCookie(p.admin)).cookie;
    const a = await insertCase(p, { createdAt: "2030-02-01T00:00:00.000Z" });
    const b = await insertCase(p, { createdAt: "2030-02-02T00:00:00.000Z" });
    const cursor = encodeCursor(["2030-02-02T00:00:00.000Z", b]);
    expect(ids(await list(cookie, `clinicId=${p.clinic.id}&cursor=${cursor}`))).toEqual([a]);
  });
});

describe("backward compatibility and validation", () => {
  it("the existing parameters keep working: status, limit and cursor alone", async () => {
    const referrerCookie = (await sessionCookie(t.referrer)).cookie;
    const drafts = await list(referrerCookie, "status=draft");
    expect(ids(drafts)).toEqual([c.draft]);
    const first = await list(referrerCookie, "limit=3");
    expect(first.items).toHaveLength(3);
    const rest = await list(referrerCookie, `limit=100&cursor=${first.nextCursor}`);
    expect([...ids(first), ...ids(rest)].sort()).toEqual(Object.values(c).sort());
  });

  it("a referrer's clinicId filter never widens their scope", async () => {
    const referrerCookie = (await sessionCookie(t.referrer)).cookie;
    expect((await list(referrerCookie, `clinicId=${other.clinic.id}`)).items).toEqual([]);
    expect(ids(await list(referrerCookie, `clinicId=${t.clinic.id}&priority=urgent`))).toEqual([c.urgentOk, c.urgentAtRisk].sort());
  });

  it("refuses unknown filter values with 422 and a forged cursor with 400", async () => {
    expect(await status(adminCookie, "priority=critical")).toBe(422);
    expect(await status(adminCookie, "slaState=late")).toBe(422);
    expect(await status(adminCookie, "clinicId=not-a-uuid")).toBe(422);
    expect(await status(adminCookie, "clinic=abc")).toBe(422);
    expect(await status(adminCookie, `cursor=${encodeCursor(["yesterday", c.urgentOk])}`)).toBe(400);
    expect(await status(adminCookie, `cursor=${encodeCursor(["2030-01-01T00:00:00Z", "not-a-uuid"])}`)).toBe(400);
  });
});
