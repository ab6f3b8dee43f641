import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as infoRequestRoute } from "@/app/api/v1/cases/[id]/info-requests/route";
import { POST as infoResponseRoute } from "@/app/api/v1/cases/[id]/info-responses/route";
import { GET as caseRoute } from "@/app/api/v1/cases/[id]/route";
import { db } from "@/lib/db/client";
import { cases, messages, notifications } from "@/lib/db/schema";
import { apiRequest, createClinic, createTenant, createUser, params, sessionCookie } from "../support/factories";
import { claim, HOUR, queuedCase, reviewCookies } from "../support/review-fixtures";

/** An urgent case submitted 2 h ago with a 24 h deadline, queued in a fresh tenant. */
async function setup() {
  const t = await createTenant();
  const c = await queuedCase(t, { priority: "urgent", submittedAgoH: 2, dueInH: 22, history: { referralQuestion: "Changing mole" } });
  return { t, c, ...(await reviewCookies(t)), slaDueAt: c.slaDueAt! };
}
const ask = (id: string, cookie: string, json: unknown) => infoRequestRoute(apiRequest(`/api/v1/cases/${id}/info-requests`, { cookie, json }), params({ id }));
const answer = (id: string, cookie: string, json: unknown) => infoResponseRoute(apiRequest(`/api/v1/cases/${id}/info-responses`, { cookie, json }), params({ id }));

describe("info request round trip", () => {
  it("pauses the clock, releases the claim, and on the answer returns the case to the queue with the deadline extended by the paused time", async () => {
    const { t, c, specialist, referrer, slaDueAt } = await setup();
    await claim(c.id, specialist);
    expect((await ask(c.id, specialist, { question: "" })).status).toBe(422);
    const asked = await ask(c.id, specialist, { question: "Is the lesion raised? Please add a dermoscopy photo." });
    expect(asked.status).toBe(201);
    const [paused] = await db.select().from(cases).where(eq(cases.id, c.id));
    expect(paused).toMatchObject({ status: "awaiting_info", claimedBy: null });
    expect(paused!.pausedAt).toBeInstanceOf(Date);
    const toClinic = await db.select().from(notifications).where(and(eq(notifications.userId, t.referrer.id), eq(notifications.caseId, c.id)));
    expect(toClinic.map((n) => n.title)).toEqual(["A specialist has asked for more information about a referral"]);

    // The clinic takes 5 hours to answer (moved back in time rather than waited for).
    const pausedAt = new Date(Date.now() - 5 * HOUR);
    await db.update(cases).set({ pausedAt }).where(eq(cases.id, c.id));

    // Only the case's own clinic may answer; a specialist may not.
    const outsider = await createUser("referrer", (await createClinic()).id);
    expect((await answer(c.id, (await sessionCookie(outsider)).cookie, { answer: "x" })).status).toBe(404);
    expect((await answer(c.id, specialist, { answer: "x" })).status).toBe(403);
    expect((await answer(c.id, referrer, { answer: "  " })).status).toBe(422);

    const before = Date.now();
    const res = await answer(c.id, referrer, { answer: "Yes, raised 2 mm. Photo added." });
    const after = Date.now();
    expect(res.status).toBe(201);
    const [resumed] = await db.select().from(cases).where(eq(cases.id, c.id));
    expect(resumed).toMatchObject({ status: "triaged", priority: "urgent", priorityRank: 0, pausedAt: null, claimedBy: null });
    const paused1 = resumed!.pausedMs;
    expect(paused1).toBeGreaterThanOrEqual(before - pausedAt.getTime());
    expect(paused1).toBeLessThanOrEqual(after - pausedAt.getTime());
    expect(resumed!.slaDueAt!.getTime()).toBe(slaDueAt.getTime() + paused1);

    // The specialist who asked hears back; the thread shows both sides.
    const toSpecialist = await db.select().from(notifications).where(and(eq(notifications.userId, t.specialist.id), eq(notifications.caseId, c.id)));
    expect(toSpecialist).toHaveLength(1);
    expect(toSpecialist[0]!.link).toBe(`/specialist/review?case=${c.id}`);
    const thread = await db.select().from(messages).where(eq(messages.caseId, c.id)).orderBy(asc(messages.createdAt));
    expect(thread.map((m) => [m.kind, m.authorRole])).toEqual([
      ["info_request", "specialist"],
      ["info_response", "referrer"],
    ]);
    const detail = await caseRoute(apiRequest(`/api/v1/cases/${c.id}`, { cookie: referrer }), params({ id: c.id }));
    expect(((await detail.json()) as { messages: unknown[] }).messages).toHaveLength(2);

    // Answering again is an illegal transition: 409, nothing changes.
    expect((await answer(c.id, referrer, { answer: "again" })).status).toBe(409);
    expect(await db.select().from(messages).where(eq(messages.caseId, c.id))).toHaveLength(2);

    // A second round trip accumulates the paused time.
    await claim(c.id, specialist);
    await ask(c.id, specialist, { question: "Any itch?" });
    await db.update(cases).set({ pausedAt: new Date(Date.now() - HOUR) }).where(eq(cases.id, c.id));
    await answer(c.id, referrer, { answer: "No" });
    const [twice] = await db.select().from(cases).where(eq(cases.id, c.id));
    expect(twice!.pausedMs - paused1).toBeGreaterThanOrEqual(HOUR);
    expect(twice!.pausedMs - paused1).toBeLessThan(HOUR + 5_000);
    expect(twice!.slaDueAt!.getTime()).toBe(slaDueAt.getTime() + twice!.pausedMs);
  });

  it("lets only the claim holder ask (409 otherwise)", async () => {
    const { c, specialist } = await setup();
    expect((await ask(c.id, specialist, { question: "Q?" })).status).toBe(409); // not claimed yet
    await claim(c.id, specialist);
    const other = (await sessionCookie(await createUser("specialist"))).cookie;
    expect((await ask(c.id, other, { question: "Q?" })).status).toBe(409);
    const [row] = await db.select().from(cases).where(eq(cases.id, c.id));
    expect(row!.status).toBe("in_review");
  });
});
