import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as claimNextRoute } from "@/app/api/v1/queue/claim-next/route";
import { PATCH as touchRoute, POST as claimRoute } from "@/app/api/v1/cases/[id]/claim/route";
import { POST as releaseRoute } from "@/app/api/v1/cases/[id]/release/route";
import { db } from "@/lib/db/client";
import { auditEvents, caseEvents, caseMilestones, cases, notifications } from "@/lib/db/schema";
import { verifyAuditChain } from "@/lib/audit/verify";
import { claimNext } from "@/lib/reviews/claim-next";
import { CLAIM_IDLE_MS, expireIdleClaims } from "@/lib/reviews/claims";
import { apiRequest, createTenant, createUser, ctxOf, params, sessionCookie } from "../support/factories";
import { queuedCase } from "../support/review-fixtures";

const post = (route: typeof claimRoute, path: string, cookie: string, id: string) => route(apiRequest(path, { cookie, method: "POST" }), params({ id }));

/** Claim away what other test files left in the queue, so a test meets a queue it knows. */
async function drainQueue() {
  const { cookie } = await sessionCookie(await createUser("specialist"));
  while ((await claimNextRoute(apiRequest("/api/v1/queue/claim-next", { cookie, method: "POST" }), params({}))).status === 200);
}

describe("claim-next", () => {
  it("gives 24 concurrent calls from two specialists distinct cases: none claimed twice, every call 200 or 204", async () => {
    const t = await createTenant();
    const s2 = await createUser("specialist");
    await drainQueue();
    const mine = await Promise.all(Array.from({ length: 6 }, (_, i) => queuedCase(t, { priority: (["urgent", "soon", "routine"] as const)[i % 3], dueInH: 10 + i })));
    const before = (await db.select({ id: cases.id }).from(cases).where(eq(cases.status, "triaged"))).length;
    expect(before).toBe(6);
    const cookies = [(await sessionCookie(t.specialist)).cookie, (await sessionCookie(s2)).cookie];

    const responses = await Promise.all(
      Array.from({ length: 24 }, (_, i) => claimNextRoute(apiRequest("/api/v1/queue/claim-next", { cookie: cookies[i % 2]!, method: "POST" }), params({}))),
    );
    expect(responses.every((r) => r.status === 200 || r.status === 204)).toBe(true);
    const claimed = await Promise.all(responses.filter((r) => r.status === 200).map(async (r) => (await r.json()) as { id: string; status: string; claimedBy: string }));
    const ids = claimed.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length); // no case handed out twice
    expect(ids.length).toBe(before); // and every queued case was handed out once
    expect(claimed.every((c) => c.status === "in_review")).toBe(true);
    for (const m of mine) expect(ids).toContain(m.id);

    const rows = await db.select({ id: cases.id, claimedBy: cases.claimedBy, status: cases.status }).from(cases).where(inArray(cases.id, ids));
    for (const c of claimed) expect(rows.find((r) => r.id === c.id)!.claimedBy).toBe(c.claimedBy);
    const events = await db.select().from(caseEvents).where(and(inArray(caseEvents.caseId, ids), eq(caseEvents.toStatus, "in_review")));
    expect(events).toHaveLength(ids.length); // exactly one claim event per case

    const empty = await claimNextRoute(apiRequest("/api/v1/queue/claim-next", { cookie: cookies[0]!, method: "POST" }), params({}));
    expect(empty.status).toBe(204);
  });

  it("claims the most urgent, then the earliest deadline first", async () => {
    const t = await createTenant();
    const routine = await queuedCase(t, { priority: "routine", dueInH: 1 });
    const soonLate = await queuedCase(t, { priority: "soon", dueInH: 30 });
    const soonEarly = await queuedCase(t, { priority: "soon", dueInH: 20 });
    const { cookie } = await sessionCookie(t.specialist);
    const order: string[] = [];
    for (;;) {
      const res = await claimNextRoute(apiRequest("/api/v1/queue/claim-next", { cookie, method: "POST" }), params({}));
      if (res.status === 204) break;
      order.push(((await res.json()) as { id: string }).id);
    }
    const relevant = order.filter((id) => [routine.id, soonLate.id, soonEarly.id].includes(id));
    expect(relevant).toEqual([soonEarly.id, soonLate.id, routine.id]);
  });

  it("records the claim like any transition: one case event, one chained audit row, the first-claim milestone", async () => {
    const t = await createTenant();
    await drainQueue();
    const c = await queuedCase(t, { priority: "urgent", dueInH: 2 });
    const { cookie } = await sessionCookie(t.specialist);
    const res = await claimNextRoute(apiRequest("/api/v1/queue/claim-next", { cookie, method: "POST", headers: { "x-request-id": "req-claim-next-01" } }), params({}));
    expect(res.status).toBe(200);
    const detail = await res.json();
    expect(detail).toMatchObject({ id: c.id, status: "in_review", claimedBy: t.specialist.id, claimedByName: t.specialist.name });
    expect(detail.patient.id).toBe(c.patientId);
    expect(detail.events.at(-1)).toMatchObject({ from: "triaged", to: "in_review", actorRole: "specialist" });

    const [row] = await db.select().from(cases).where(eq(cases.id, c.id));
    expect(row).toMatchObject({ status: "in_review", claimedBy: t.specialist.id });
    expect(row!.claimedAt!.getTime()).toBe(row!.updatedAt.getTime());
    expect(row!.lastActivityAt!.getTime()).toBe(row!.claimedAt!.getTime());
    const events = await db.select().from(caseEvents).where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.toStatus, "in_review")));
    expect(events).toEqual([expect.objectContaining({ fromStatus: "triaged", actorId: t.specialist.id, actorRole: "specialist", at: row!.claimedAt })]);
    const audits = await db.select().from(auditEvents).where(and(eq(auditEvents.resourceId, c.id), eq(auditEvents.action, "case.claim")));
    expect(audits).toEqual([
      expect.objectContaining({ actorId: t.specialist.id, actorRole: "specialist", patientId: c.patientId, outcome: "success", requestId: "req-claim-next-01", details: { via: "claim-next" } }),
    ]);
    expect(audits[0]!.hash).toMatch(/^[0-9a-f]{64}$/); // chained by the trigger like every other row
    const [milestone] = await db.select().from(caseMilestones).where(eq(caseMilestones.caseId, c.id));
    expect(milestone!.firstClaimAt!.getTime()).toBe(row!.claimedAt!.getTime());
  });
});

describe("claim-next group commit", () => {
  it("serves calls made at the same moment in one statement, in arrival order, each with its own event and audit row", async () => {
    const t = await createTenant();
    await drainQueue();
    // Five cases in a known queue order: most urgent first, then earliest deadline.
    const expected = [
      await queuedCase(t, { priority: "urgent", dueInH: 3 }),
      await queuedCase(t, { priority: "urgent", dueInH: 4 }),
      await queuedCase(t, { priority: "soon", dueInH: 2 }),
      await queuedCase(t, { priority: "routine", dueInH: 1 }),
      await queuedCase(t, { priority: "routine", dueInH: 5 }),
    ];
    const callers = [t.specialist, ...(await Promise.all(Array.from({ length: 6 }, () => createUser("specialist"))))];
    const ctxs = callers.map((u, i) => ({ ...ctxOf(u), requestId: `req-group-${i}` }));
    // Seven calls in one tick for five cases, in this order: the first goes out alone, the other
    // six wait for it and go out together; the last two find the queue empty.
    const results = await Promise.all(ctxs.map((ctx) => claimNext(db, ctx)));
    expect(results.map((r) => (r ? "case" : null))).toEqual(["case", "case", "case", "case", "case", null, null]);
    const got = results.slice(0, 5).map((r) => r!);
    expect(got.map((g) => g.id)).toEqual(expected.map((c) => c.id)); // arrival order = queue order
    got.forEach((g, i) => {
      expect(g.claimedBy).toBe(callers[i]!.id);
      expect(g.patient.id).toBe(expected[i]!.patientId);
      expect(g.events.at(-1)).toMatchObject({ from: "triaged", to: "in_review" });
    });

    const rows = await db.select().from(cases).where(inArray(cases.id, got.map((g) => g.id)));
    const claimedAt = new Map(rows.map((r) => [r.id, r.claimedAt!.getTime()]));
    // One statement for calls 2–5 (one instant), another before it for call 1.
    expect(new Set(got.slice(1).map((g) => claimedAt.get(g.id))).size).toBe(1);
    expect(claimedAt.get(got[0]!.id)).not.toBe(claimedAt.get(got[1]!.id));

    const audits = await db.select().from(auditEvents).where(and(inArray(auditEvents.resourceId, got.map((g) => g.id)), eq(auditEvents.action, "case.claim")));
    expect(audits).toHaveLength(5);
    got.forEach((g, i) =>
      expect(audits.find((a) => a.resourceId === g.id)).toMatchObject({ actorId: callers[i]!.id, requestId: `req-group-${i}`, patientId: expected[i]!.patientId }),
    );
    const events = await db.select().from(caseEvents).where(and(inArray(caseEvents.caseId, got.map((g) => g.id)), eq(caseEvents.toStatus, "in_review")));
    expect(events.map((e) => [e.caseId, e.actorId]).sort()).toEqual(got.map((g, i) => [g.id, callers[i]!.id]).sort());
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});

describe("claim, release and heartbeat", () => {
  it("refuses a claimed case to another specialist (409), is idempotent for the holder, and is not for referrers (403)", async () => {
    const t = await createTenant();
    const other = await createUser("specialist");
    const c = await queuedCase(t);
    const a = (await sessionCookie(t.specialist)).cookie;
    const b = (await sessionCookie(other)).cookie;
    const path = `/api/v1/cases/${c.id}/claim`;
    expect((await post(claimRoute, path, a, c.id)).status).toBe(200);
    expect((await post(claimRoute, path, a, c.id)).status).toBe(200);
    const conflict = await post(claimRoute, path, b, c.id);
    expect(conflict.status).toBe(409);
    expect(((await conflict.json()) as { error: { code: string } }).error.code).toBe("conflict");
    expect((await post(claimRoute, path, (await sessionCookie(t.referrer)).cookie, c.id)).status).toBe(403);
    expect((await post(claimRoute, `/api/v1/cases/00000000-0000-4000-8000-000000000000/claim`, a, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    const events = await db.select().from(caseEvents).where(eq(caseEvents.caseId, c.id));
    expect(events.filter((e) => e.toStatus === "in_review")).toHaveLength(1);
  });

  it("lets only the holder release, back to the queue with the same priority and deadline", async () => {
    const t = await createTenant();
    const other = await createUser("specialist");
    const c = await queuedCase(t, { priority: "soon" });
    const a = (await sessionCookie(t.specialist)).cookie;
    const b = (await sessionCookie(other)).cookie;
    await post(claimRoute, `/api/v1/cases/${c.id}/claim`, a, c.id);
    expect((await post(releaseRoute, `/api/v1/cases/${c.id}/release`, b, c.id)).status).toBe(409);
    const res = await post(releaseRoute, `/api/v1/cases/${c.id}/release`, a, c.id);
    expect(res.status).toBe(200);
    const [row] = await db.select().from(cases).where(eq(cases.id, c.id));
    expect(row).toMatchObject({ status: "triaged", claimedBy: null, priority: "soon" });
    expect(row!.slaDueAt!.getTime()).toBe(c.slaDueAt!.getTime());
    // releasing again is an illegal transition: 409, nothing changes
    expect((await post(releaseRoute, `/api/v1/cases/${c.id}/release`, a, c.id)).status).toBe(409);
    expect(await db.select().from(caseEvents).where(eq(caseEvents.caseId, c.id))).toHaveLength(2);
  });

  it("keeps a claim alive with the heartbeat and returns idle claims (> 30 min) to the queue", async () => {
    const t = await createTenant();
    const idle = await queuedCase(t);
    const active = await queuedCase(t);
    const a = (await sessionCookie(t.specialist)).cookie;
    await post(claimRoute, `/api/v1/cases/${idle.id}/claim`, a, idle.id);
    await post(claimRoute, `/api/v1/cases/${active.id}/claim`, a, active.id);
    const now = new Date();
    const old = new Date(now.getTime() - CLAIM_IDLE_MS - 60_000);
    await db.update(cases).set({ lastActivityAt: old, claimedAt: old }).where(inArray(cases.id, [idle.id, active.id]));
    const beat = await touchRoute(apiRequest(`/api/v1/cases/${active.id}/claim`, { cookie: a, method: "PATCH" }), params({ id: active.id }));
    expect(beat.status).toBe(204);
    const stranger = (await sessionCookie(await createUser("specialist"))).cookie;
    expect((await touchRoute(apiRequest(`/api/v1/cases/${active.id}/claim`, { cookie: stranger, method: "PATCH" }), params({ id: active.id }))).status).toBe(409);

    const released = await expireIdleClaims(db, now);
    expect(released).toContain(idle.id);
    expect(released).not.toContain(active.id);
    const rows = await db.select().from(cases).where(inArray(cases.id, [idle.id, active.id]));
    expect(rows.find((r) => r.id === idle.id)).toMatchObject({ status: "triaged", claimedBy: null });
    expect(rows.find((r) => r.id === active.id)).toMatchObject({ status: "in_review", claimedBy: t.specialist.id });
    const [event] = await db.select().from(caseEvents).where(and(eq(caseEvents.caseId, idle.id), eq(caseEvents.toStatus, "triaged")));
    expect(event).toMatchObject({ fromStatus: "in_review", actorId: null, note: "claim expired after 30 idle minutes" });
    const notes = await db.select().from(notifications).where(and(eq(notifications.userId, t.specialist.id), eq(notifications.caseId, idle.id)));
    expect(notes).toHaveLength(1);
    // Running again changes nothing.
    expect(await expireIdleClaims(db, now)).not.toContain(idle.id);
  });
});
