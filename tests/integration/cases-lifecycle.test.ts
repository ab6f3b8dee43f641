import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as submitRoute } from "@/app/api/v1/cases/[id]/submit/route";
import { POST as withdrawRoute } from "@/app/api/v1/cases/[id]/withdraw/route";
import { PATCH as patchRoute } from "@/app/api/v1/cases/[id]/route";
import { POST as createCaseRoute } from "@/app/api/v1/cases/route";
import { db } from "@/lib/db/client";
import { caseEvents, cases, outbox } from "@/lib/db/schema";
import { apiRequest, createPatient, createTenant, ctxOf, params, sessionCookie } from "../support/factories";
import { createCompleteDraft, jpeg, processCasePhotos, runTriage, uploadPhotoRequest } from "../support/referrals";

async function referrerWithPatient(birthDate = "1980-01-01") {
  const t = await createTenant();
  const { cookie } = await sessionCookie(t.referrer);
  const patient = await createPatient(t.clinic.id, { birthDate });
  return { t, cookie, patient, ctx: ctxOf(t.referrer) };
}

const submit = (cookie: string, id: string) => submitRoute(apiRequest(`/api/v1/cases/${id}/submit`, { cookie, method: "POST" }), params({ id }));

describe("drafts and the submit gate", () => {
  it("saves a partial draft and names everything missing at submit (422)", async () => {
    const { cookie, patient } = await referrerWithPatient();
    const res = await createCaseRoute(
      apiRequest("/api/v1/cases", { cookie, json: { patientId: patient.id, history: { referralQuestion: "Mole on back" } } }),
      params({}),
    );
    expect(res.status).toBe(201);
    const draft = await res.json();
    expect(draft).toMatchObject({ status: "draft", history: { referralQuestion: "Mole on back" }, photos: [], events: [{ from: null, to: "draft" }] });
    const refused = await submit(cookie, draft.id);
    expect(refused.status).toBe(422);
    const fields = (await refused.json()).error.fields;
    expect(Object.keys(fields)).toEqual(
      expect.arrayContaining(["history.suspected", "history.requestedUrgency", "history.bodySites", "history.consent", "photos"]),
    );
    expect(fields["history.referralQuestion"]).toBeUndefined();
    const [row] = await db.select().from(cases).where(eq(cases.id, draft.id));
    expect(row!.status).toBe("draft");
  });

  it("refuses unknown history fields and wrong types without changing the draft", async () => {
    const { cookie, patient, ctx } = await referrerWithPatient();
    const draft = await createCompleteDraft(ctx, patient.id);
    for (const history of [{ bodysites: ["x"] }, { symptoms: { itch: "yes" } }, { sizeMm: -3 }]) {
      const res = await patchRoute(apiRequest(`/api/v1/cases/${draft.id}`, { cookie, method: "PATCH", json: { history } }), params({ id: draft.id }));
      expect(res.status).toBe(422);
    }
    const [row] = await db.select().from(cases).where(eq(cases.id, draft.id));
    expect(row!.history).toEqual(draft.history);
  });

  it("waits for photos: a processing photo blocks submit", async () => {
    const { cookie, patient, ctx } = await referrerWithPatient();
    const draft = await createCompleteDraft(ctx, patient.id);
    await uploadPhotoRequest(cookie, draft.id, await jpeg(1000, 800));
    const res = await submit(cookie, draft.id);
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields.photos).toEqual(expect.arrayContaining([expect.stringMatching(/finished processing/)]));
  });
});

describe("submit → triage", () => {
  it("commits the transition with an outbox row, then triage sets priority, reasons and the SLA deadline", async () => {
    const { cookie, patient, ctx } = await referrerWithPatient("1950-05-05");
    const draft = await createCompleteDraft(ctx, patient.id, { suspected: "melanoma", evolution: "new", abcde: { asymmetry: true, border: true, colour: true, diameter: false, evolving: false } });
    await uploadPhotoRequest(cookie, draft.id, await jpeg(1000, 800));
    await processCasePhotos(draft.id);
    const res = await submit(cookie, draft.id);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "submitted", submittedAt: expect.any(String) });
    const jobs = await db.select().from(outbox).where(sql`${outbox.payload}->>'caseId' = ${draft.id}`);
    expect(jobs).toMatchObject([{ queue: "triage", name: "triage", payload: { caseId: draft.id } }]);

    expect(await runTriage(draft.id)).toEqual({ status: "triaged", priority: "urgent" });
    expect(await runTriage(draft.id)).toEqual({ status: "skipped" }); // idempotent
    const [row] = await db.select().from(cases).where(eq(cases.id, draft.id));
    expect(row).toMatchObject({ status: "triaged", priority: "urgent", priorityRank: 0 });
    expect(row!.slaDueAt!.getTime() - row!.submittedAt!.getTime()).toBe(24 * 3600 * 1000);
    expect(row!.triageReasons.map((r) => r.code)).toEqual(expect.arrayContaining(["suspected_melanoma"]));
    const events = await db.select().from(caseEvents).where(eq(caseEvents.caseId, draft.id)).orderBy(caseEvents.id);
    expect(events.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, "draft"],
      ["draft", "submitted"],
      ["submitted", "triaged"],
    ]);
  });

  it("withdraw works until claimed; illegal transitions are 409 and change nothing", async () => {
    const { cookie, patient, ctx } = await referrerWithPatient();
    const draft = await createCompleteDraft(ctx, patient.id);
    const withdraw = () => withdrawRoute(apiRequest(`/api/v1/cases/${draft.id}/withdraw`, { cookie, method: "POST" }), params({ id: draft.id }));
    expect((await withdraw()).status).toBe(409); // a draft is deleted, not withdrawn
    await uploadPhotoRequest(cookie, draft.id, await jpeg(1000, 800));
    await processCasePhotos(draft.id);
    expect((await submit(cookie, draft.id)).status).toBe(200);
    expect((await submit(cookie, draft.id)).status).toBe(409);
    await runTriage(draft.id);
    await db.update(cases).set({ status: "in_review" }).where(eq(cases.id, draft.id)); // a specialist claimed it
    const claimed = await withdraw();
    expect(claimed.status).toBe(409);
    expect((await claimed.json()).error.message).toMatch(/in review/);
    await db.update(cases).set({ status: "triaged" }).where(eq(cases.id, draft.id));
    const ok = await withdraw();
    expect(ok.status).toBe(200);
    expect((await ok.json()).status).toBe("withdrawn");
  });
});

describe("editing drafts", () => {
  it("null clears an optional answer; other fields are kept", async () => {
    const { cookie, patient, ctx } = await referrerWithPatient();
    const draft = await createCompleteDraft(ctx, patient.id, { sizeMm: 6, sunExposure: "high" });
    const res = await patchRoute(
      apiRequest(`/api/v1/cases/${draft.id}`, { cookie, method: "PATCH", json: { history: { sizeMm: null, onset: "2 weeks" } } }),
      params({ id: draft.id }),
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.history.sizeMm).toBeUndefined();
    expect(body.history).toMatchObject({ onset: "2 weeks", sunExposure: "high", referralQuestion: draft.history.referralQuestion });
  });
});
