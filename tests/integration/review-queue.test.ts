import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as queueRoute } from "@/app/api/v1/queue/route";
import { db } from "@/lib/db/client";
import { auditEvents, cases, photos } from "@/lib/db/schema";
import type { Priority } from "@/lib/db/schema/enums";
import { compareQueueOrder } from "@/lib/triage/queue-order";
import { priorityRank } from "@/lib/triage/priority";
import { apiRequest, createPatient, createTenant, params, sessionCookie } from "../support/factories";

const HOUR = 3600_000;
const T0 = Date.parse("2030-01-01T00:00:00Z");

type T = Awaited<ReturnType<typeof createTenant>>;

async function insertCase(t: T, patientId: string, priority: Priority, due: string | Date, submitted: string | Date) {
  const [row] = await db
    .insert(cases)
    .values({
      clinicId: t.clinic.id,
      patientId,
      createdBy: t.referrer.id,
      status: "triaged",
      history: { bodySites: ["39937001"], suspected: "unknown" },
      priority,
      priorityRank: priorityRank(priority),
      // Strings go in as SQL so their microseconds survive (a JS Date keeps milliseconds only).
      submittedAt: typeof submitted === "string" ? sql`${submitted}::timestamptz` : submitted,
      slaDueAt: typeof due === "string" ? sql`${due}::timestamptz` : due,
      triageReasons: [{ code: "x", label: "Reason", weight: 10, level: "minor" }],
    })
    .returning({ id: cases.id, priority: cases.priority, slaDueAt: cases.slaDueAt, submittedAt: cases.submittedAt });
  return row!;
}

type Item = { id: string; priority: Priority; slaDueAt: string; submittedAt: string; clinicId: string };
type Page = { items: Item[]; nextCursor: string | null };

async function page(cookie: string, query: string): Promise<Page> {
  const res = await queueRoute(apiRequest(`/api/v1/queue?${query}`, { cookie }), params({}));
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}

const key = (i: Item) => ({ id: i.id, priority: i.priority, slaDueAt: new Date(i.slaDueAt), submittedAt: new Date(i.submittedAt) });

describe("queue", () => {
  it("orders by priority, then deadline, then submission time, and filters by priority and clinic", async () => {
    const t = await createTenant();
    const p = await createPatient(t.clinic.id);
    const at = (h: number) => new Date(T0 + h * HOUR);
    const made = [
      await insertCase(t, p.id, "routine", at(5), at(0)),
      await insertCase(t, p.id, "urgent", at(30), at(1)),
      await insertCase(t, p.id, "soon", at(10), at(2)),
      await insertCase(t, p.id, "urgent", at(20), at(3)),
      await insertCase(t, p.id, "urgent", at(20), at(2)), // same deadline, submitted earlier
      await insertCase(t, p.id, "soon", at(9), at(4)),
    ];
    const { cookie } = await sessionCookie(t.specialist);
    const { items, nextCursor } = await page(cookie, `clinicId=${t.clinic.id}&limit=50`);
    expect(nextCursor).toBeNull();
    const expected = [...made].map((m) => ({ ...m, priority: m.priority!, slaDueAt: m.slaDueAt!, submittedAt: m.submittedAt! })).sort(compareQueueOrder).map((m) => m.id);
    expect(items.map((i) => i.id)).toEqual(expected);
    expect(items.map((i) => i.priority)).toEqual(["urgent", "urgent", "urgent", "soon", "soon", "routine"]);
    expect(items[0]).toMatchObject({ bodySites: ["39937001"], clinicId: t.clinic.id, thumbnailPhotoId: null, triageReasons: [{ label: "Reason" }] });

    const urgent = await page(cookie, `clinicId=${t.clinic.id}&priority=urgent`);
    expect(urgent.items.map((i) => i.priority)).toEqual(["urgent", "urgent", "urgent"]);
    const other = await createTenant();
    expect((await page(cookie, `clinicId=${other.clinic.id}`)).items).toEqual([]);
  });

  it("answers every field of a queued case in its wire form (ISO 8601 UTC instants, the birth date as a date)", async () => {
    const t = await createTenant();
    const p = await createPatient(t.clinic.id, { birthDate: "1961-07-04", sex: "male" });
    const [c] = await db
      .insert(cases)
      .values({
        clinicId: t.clinic.id,
        patientId: p.id,
        createdBy: t.referrer.id,
        status: "triaged",
        history: { bodySites: ["39937001", "14975008"], suspected: "melanoma", referralQuestion: "Changing mole?" },
        priority: "soon",
        priorityRank: priorityRank("soon"),
        triageScore: 42,
        submittedAt: sql`'2030-01-02 03:04:05.678901+00'::timestamptz`,
        slaDueAt: sql`'2030-01-05 03:04:05.999999+00'::timestamptz`,
        triageReasons: [{ code: "evolving", label: "Changing lesion", weight: 30, level: "major" }],
      })
      .returning();
    const photo = (status: "ready" | "processing", deletedAt: Date | null, createdAt: Date) =>
      ({ caseId: c!.id, clinicId: t.clinic.id, view: "overview" as const, bodySite: "39937001", mime: "image/jpeg", sizeBytes: 1, sha256: "x", keyId: "k", status, deletedAt, createdAt });
    const [, ready] = await db
      .insert(photos)
      .values([photo("ready", new Date(), new Date(T0)), photo("ready", null, new Date(T0 + HOUR)), photo("processing", null, new Date(T0 - HOUR)), photo("ready", null, new Date(T0 + 2 * HOUR))])
      .returning({ id: photos.id });
    const { cookie } = await sessionCookie(t.specialist);
    const { items } = await page(cookie, `clinicId=${t.clinic.id}`);
    expect(items).toEqual([
      {
        id: c!.id,
        priority: "soon",
        slaDueAt: "2030-01-05T03:04:05.999Z",
        slaState: c!.slaState,
        submittedAt: "2030-01-02T03:04:05.678Z",
        clinicId: t.clinic.id,
        clinicName: t.clinic.name,
        bodySites: ["39937001", "14975008"],
        suspected: "melanoma",
        triageScore: 42,
        triageReasons: [{ code: "evolving", label: "Changing lesion", weight: 30, level: "major" }],
        thumbnailPhotoId: ready!.id, // the earliest ready photo that is not deleted
        photoCount: 2,
        patientBirthDate: "1961-07-04",
        patientSex: "male",
      },
    ]);
    // A history without body sites or a suspected diagnosis (a FHIR referral may leave both out).
    await db.update(cases).set({ history: { referralQuestion: "Rash?", suspected: 3 } }).where(eq(cases.id, c!.id));
    expect((await page(cookie, `clinicId=${t.clinic.id}`)).items[0]).toMatchObject({ bodySites: [], suspected: null });
  });

  it("pages with a keyset cursor that neither skips nor repeats rows while new cases arrive", async () => {
    const t = await createTenant();
    const p = await createPatient(t.clinic.id);
    const priorities: Priority[] = ["urgent", "soon", "routine"];
    const initial: { id: string }[] = [];
    for (let i = 0; i < 23; i++) {
      // Equal deadlines and submission times that differ only in microseconds stress the tie-breaks.
      const due = `2030-02-0${1 + (i % 3)}T00:00:00.00000${i % 4}Z`;
      initial.push(await insertCase(t, p.id, priorities[i % 3]!, due, `2030-01-01T00:00:00.00000${i % 2}Z`));
    }
    const { cookie } = await sessionCookie(t.specialist);
    const seen: Item[] = [];
    let cursor: string | null = null;
    let round = 0;
    do {
      const res: Page = await page(cookie, `clinicId=${t.clinic.id}&limit=5${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...res.items);
      cursor = res.nextCursor;
      // New arrivals while paging: one ahead of the cursor (already passed), one behind it (still to come).
      if (round++ < 3) {
        await insertCase(t, p.id, "urgent", "2029-12-01T00:00:00Z", new Date());
        await insertCase(t, p.id, "routine", "2031-01-01T00:00:00Z", new Date());
      }
    } while (cursor);
    const ids = seen.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length); // nothing repeated
    for (const c of initial) expect(ids).toContain(c.id); // nothing skipped
    const late = ids.filter((id) => !initial.some((c) => c.id === id));
    expect(late).toHaveLength(3); // the three routine arrivals sort after the cursor; the urgent ones were already passed
    // In queue order (the API's ISO strings carry milliseconds, so compare without the id tie-break).
    for (let i = 1; i < seen.length; i++) expect(compareQueueOrder({ ...key(seen[i - 1]!), id: "" }, { ...key(seen[i]!), id: "" })).toBeLessThanOrEqual(0);
  });

  it("refuses other roles (403), bad cursors (400) and unknown filters (422)", async () => {
    const t = await createTenant();
    const referrer = (await sessionCookie(t.referrer)).cookie;
    const admin = (await sessionCookie(t.admin)).cookie;
    const specialist = (await sessionCookie(t.specialist)).cookie;
    expect((await queueRoute(apiRequest("/api/v1/queue", { cookie: referrer }), params({}))).status).toBe(403);
    expect((await queueRoute(apiRequest("/api/v1/queue", { cookie: admin }), params({}))).status).toBe(403);
    expect((await queueRoute(apiRequest("/api/v1/queue"), params({}))).status).toBe(401);
    expect((await queueRoute(apiRequest("/api/v1/queue?cursor=bogus", { cookie: specialist }), params({}))).status).toBe(400);
    const forged = Buffer.from(JSON.stringify([0, "x", "y", "z"])).toString("base64url");
    expect((await queueRoute(apiRequest(`/api/v1/queue?cursor=${forged}`, { cookie: specialist }), params({}))).status).toBe(400);
    expect((await queueRoute(apiRequest("/api/v1/queue?priority=asap", { cookie: specialist }), params({}))).status).toBe(422);
    expect((await queueRoute(apiRequest("/api/v1/queue?sort=id", { cookie: specialist }), params({}))).status).toBe(422);
  });

  it("leaves out cases that are not triaged", async () => {
    const t = await createTenant();
    const p = await createPatient(t.clinic.id);
    const c = await insertCase(t, p.id, "soon", new Date(T0), new Date(T0));
    await db.update(cases).set({ status: "in_review" }).where(eq(cases.id, c.id));
    const { cookie } = await sessionCookie(t.specialist);
    expect((await page(cookie, `clinicId=${t.clinic.id}`)).items).toEqual([]);
  });
});

describe("queue reads are audited", () => {
  it("writes one audit row per page served, with the filters and the request id, in the same statement as the read", async () => {
    const t = await createTenant();
    const { cookie } = await sessionCookie(t.specialist);
    const requestId = `req-queue-audit-${Date.now()}`;
    const res = await queueRoute(
      apiRequest(`/api/v1/queue?priority=urgent&clinicId=${t.clinic.id}&limit=5`, { cookie, headers: { "x-request-id": requestId } }),
      params({}),
    );
    expect(res.status).toBe(200);
    const rows = await db.select().from(auditEvents).where(eq(auditEvents.requestId, requestId));
    expect(rows).toEqual([
      expect.objectContaining({
        action: "queue.list",
        resourceType: "case",
        actorId: t.specialist.id,
        actorRole: "specialist",
        outcome: "success",
        details: { priority: "urgent", clinicId: t.clinic.id, paged: false },
      }),
    ]);
    expect(rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("serves nothing and writes no success row for a malformed cursor or a referrer", async () => {
    const t = await createTenant();
    const spec = (await sessionCookie(t.specialist)).cookie;
    const ref = (await sessionCookie(t.referrer)).cookie;
    const badCursor = `req-queue-bad-${Date.now()}`;
    expect((await queueRoute(apiRequest("/api/v1/queue?cursor=bm9wZQ", { cookie: spec, headers: { "x-request-id": badCursor } }), params({}))).status).toBe(400);
    const referrer = `req-queue-ref-${Date.now()}`;
    expect((await queueRoute(apiRequest("/api/v1/queue", { cookie: ref, headers: { "x-request-id": referrer } }), params({}))).status).toBe(403);
    const rows = await db.select().from(auditEvents).where(inArray(auditEvents.requestId, [badCursor, referrer]));
    expect(rows.filter((r) => r.outcome === "success")).toEqual([]);
  });
});
