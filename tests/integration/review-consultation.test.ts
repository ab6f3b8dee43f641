import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as consultationRoute } from "@/app/api/v1/cases/[id]/consultation/route";
import { POST as infoRequestRoute } from "@/app/api/v1/cases/[id]/info-requests/route";
import { POST as acknowledgeRoute } from "@/app/api/v1/cases/[id]/acknowledge/route";
import { POST as releaseRoute } from "@/app/api/v1/cases/[id]/release/route";
import { db } from "@/lib/db/client";
import { caseEvents, cases, consultations, notifications, outbox } from "@/lib/db/schema";
import { apiRequest, createTenant, createUser, params, sessionCookie } from "../support/factories";
import { claim, queuedCase, reviewCookies } from "../support/review-fixtures";

/** A queued case of a fresh tenant, claimed by its specialist. */
async function claimedCase() {
  const t = await createTenant();
  const c = await queuedCase(t, { priority: "soon", history: { referralQuestion: "Mole on back" } });
  const { specialist, referrer } = await reviewCookies(t);
  expect((await claim(c.id, specialist)).status).toBe(200);
  return { t, c, specialist, referrer };
}

const reply = (id: string, cookie: string, json: unknown) => consultationRoute(apiRequest(`/api/v1/cases/${id}/consultation`, { cookie, json }), params({ id }));
const VALID = { diagnosis: "Seborrhoeic keratosis", diagnosisCode: "l82.1", plan: "Reassure; no treatment needed", disposition: "reassure" };

async function snapshot(id: string) {
  const [row] = await db.select().from(cases).where(eq(cases.id, id));
  const events = await db.select().from(caseEvents).where(eq(caseEvents.caseId, id));
  const consult = await db.select().from(consultations).where(eq(consultations.caseId, id));
  return { row, events: events.length, consultations: consult.length };
}

describe("consultation reply", () => {
  it("answers 422 with every field named for an empty or invalid body, and changes nothing", async () => {
    const { c, specialist } = await claimedCase();
    const before = await snapshot(c.id);
    const empty = await reply(c.id, specialist, {});
    expect(empty.status).toBe(422);
    const body = (await empty.json()) as { error: { code: string; fields: Record<string, string[]> } };
    expect(body.error.code).toBe("invalid");
    expect(Object.keys(body.error.fields).sort()).toEqual(["diagnosis", "disposition", "plan"]);

    const invalid = await reply(c.id, specialist, { ...VALID, diagnosis: "  ", diagnosisCode: "Z99.ZZ", disposition: "admit", extra: 1 });
    expect(invalid.status).toBe(422);
    const fields = ((await invalid.json()) as { error: { fields: Record<string, string[]> } }).error.fields;
    expect(Object.keys(fields).sort()).toEqual(["_", "diagnosis", "diagnosisCode", "disposition"].sort());
    expect((await reply(c.id, specialist, "not json{")).status).toBe(400);
    expect(await snapshot(c.id)).toEqual(before);
  });

  it("refuses a specialist who does not hold the claim (409) and a referrer (403)", async () => {
    const { c, referrer } = await claimedCase();
    const other = (await sessionCookie(await createUser("specialist"))).cookie;
    const before = await snapshot(c.id);
    const res = await reply(c.id, other, VALID);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/another specialist/i);
    expect((await reply(c.id, referrer, VALID)).status).toBe(403);
    expect(await snapshot(c.id)).toEqual(before);
  });

  it("answers the case, ends the claim and tells the clinic without PHI; later illegal transitions are 409 and change nothing", async () => {
    const { t, c, specialist, referrer } = await claimedCase();
    const res = await reply(c.id, specialist, { ...VALID, differential: "", followUp: "Return if it changes" });
    expect(res.status).toBe(201);
    const detail = (await res.json()) as { status: string; claimedBy: string | null; consultation: Record<string, unknown> };
    expect(detail.status).toBe("answered");
    expect(detail.claimedBy).toBeNull();
    expect(detail.consultation).toMatchObject({ diagnosis: VALID.diagnosis, diagnosisCode: "L82.1", differential: null, disposition: "reassure", followUp: "Return if it changes" });
    const [row] = await db.select().from(cases).where(eq(cases.id, c.id));
    expect(row!.answeredAt).toBeInstanceOf(Date);

    const notes = await db.select().from(notifications).where(and(eq(notifications.userId, t.referrer.id), eq(notifications.caseId, c.id)));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.title).toBe("A specialist has replied to a referral");
    expect(notes[0]!.link).toBe(`/clinic/cases/${c.id}`);
    const jobs = await db.select().from(outbox).where(eq(outbox.name, "deliver"));
    // Ids only: the notification, and the request that caused it (lib/queue/queues.ts).
    expect(jobs.some((j) => j.payload.notificationId === notes[0]!.id && Object.keys(j.payload).sort().join() === "notificationId,requestId")).toBe(true);

    const before = await snapshot(c.id);
    expect((await reply(c.id, specialist, VALID)).status).toBe(409);
    const ask = await infoRequestRoute(apiRequest(`/api/v1/cases/${c.id}/info-requests`, { cookie: specialist, json: { question: "More?" } }), params({ id: c.id }));
    expect(ask.status).toBe(409);
    expect((await releaseRoute(apiRequest(`/api/v1/cases/${c.id}/release`, { cookie: specialist, method: "POST" }), params({ id: c.id }))).status).toBe(409);
    expect((await claim(c.id, specialist)).status).toBe(409);
    expect(await snapshot(c.id)).toEqual(before);

    // Closing the loop: the referrer acknowledges.
    const ack = await acknowledgeRoute(apiRequest(`/api/v1/cases/${c.id}/acknowledge`, { cookie: referrer, method: "POST" }), params({ id: c.id }));
    expect(ack.status).toBe(200);
    expect(((await ack.json()) as { status: string }).status).toBe("closed");
  });

  it("refuses to reply to a case that was never claimed (409)", async () => {
    const { c, specialist } = await claimedCase();
    await releaseRoute(apiRequest(`/api/v1/cases/${c.id}/release`, { cookie: specialist, method: "POST" }), params({ id: c.id }));
    const res = await reply(c.id, specialist, VALID);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/claim the case/i);
  });
});
