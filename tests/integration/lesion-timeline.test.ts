/**
 * One lesion over time (SPEC §15, Compare's read) through the real route: a lesion photographed in
 * two referrals of one patient lists its processed photos oldest first with their referral and
 * size — the automatic measurement, replaced by the specialist's saved ruler where there is one,
 * and "no scale" (no millimetres at all) on a photo without a sticker. The service never sees the
 * clinic's draft; the referrer sees saved measurements only with the reply; another clinic gets
 * 404, audited, without the lesion's label.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as timelineRoute } from "@/app/api/v1/lesions/[id]/timeline/route";
import { PUT as linkRoute } from "@/app/api/v1/photos/[id]/lesion/route";
import { POST as measureRoute } from "@/app/api/v1/photos/[id]/measurements/route";
import { db } from "@/lib/db/client";
import { auditEvents } from "@/lib/db/schema";
import { submitCase } from "@/lib/cases/lifecycle";
import { photoDto } from "@/lib/photos/dto";
import { randomSpec, renderScene } from "../fixtures/measure-scene";
import { apiRequest, createPatient, createTenant, ctxOf, params } from "../support/factories";
import { createCompleteDraft, FOREARM, processCasePhotos, runTriage, uploadPhotoRequest } from "../support/referrals";
import { claim, reviewCookies } from "../support/review-fixtures";

type Entry = {
  photo: ReturnType<typeof photoDto>;
  referral: { caseId: string; status: string; submittedAt: string | null };
  figures: { scaled: boolean; longestDiameterMm: number | null; diameterSource: string | null; areaMm2: number | null; areaSource: string | null };
};

let cookies: { specialist: string; referrer: string };
let stranger: string;
let lesionId: string;
let case1: string, case2: string;
let early: string, late: string, unscaled: string, draftPhoto: string;

const timeline = (id: string, cookie: string) => timelineRoute(apiRequest(`/api/v1/lesions/${id}/timeline`, { cookie }), params({ id }));
const entriesOf = async (cookie: string) => (await (await timeline(lesionId, cookie)).json()).entries as Entry[];

beforeAll(async () => {
  const a = await createTenant();
  const b = await createTenant();
  cookies = await reviewCookies(a);
  stranger = (await reviewCookies(b)).referrer;
  const patientId = (await createPatient(a.clinic.id)).id;
  const upload = async (caseId: string, seed: number, o: Parameters<typeof randomSpec>[1]) =>
    (await (await uploadPhotoRequest(cookies.referrer, caseId, (await renderScene(randomSpec(seed, o))).jpeg, { view: "closeup" })).json()).id as string;
  const link = async (photoId: string, json: unknown) => {
    const res = await linkRoute(apiRequest(`/api/v1/photos/${photoId}/lesion`, { cookie: cookies.referrer, method: "PUT", json }), params({ id: photoId }));
    expect(res.status).toBe(200);
    return (await res.json()).lesion as { id: string };
  };
  const send = async (caseId: string) => {
    await processCasePhotos(caseId);
    await submitCase(db, ctxOf(a.referrer), caseId);
    await runTriage(caseId);
  };

  case1 = (await createCompleteDraft(ctxOf(a.referrer), patientId)).id;
  early = await upload(case1, 931, { lesionDiameterMm: 7, irregularity: 0, pxPerMm: 14, tiltDeg: 0, rotationDeg: 10 });
  lesionId = (await link(early, { newLesion: { label: "Mole on the forearm", bodySite: FOREARM, bodyMapPoint: { x: 0.3, y: 0.55 } } })).id;
  await send(case1);

  case2 = (await createCompleteDraft(ctxOf(a.referrer), patientId)).id;
  late = await upload(case2, 932, { lesionDiameterMm: 10, irregularity: 0, pxPerMm: 14, tiltDeg: 0, rotationDeg: 25 });
  unscaled = await upload(case2, 933, { marker: null, pxPerMm: 12 });
  for (const p of [late, unscaled]) await link(p, { lesionId });
  await send(case2);

  // A third referral still in draft: the clinic's own business until it is submitted.
  const draft = (await createCompleteDraft(ctxOf(a.referrer), patientId)).id;
  draftPhoto = await upload(draft, 934, { lesionDiameterMm: 11, pxPerMm: 14 });
  await link(draftPhoto, { lesionId });
  await processCasePhotos(draft);
});

describe("a lesion over time", () => {
  it("lists the lesion's photos across referrals, oldest first, sized by the saved ruler, else automatically, else 'no scale'", async () => {
    expect((await claim(case2, cookies.specialist)).status).toBe(200);
    // The specialist measures the later photo along the sticker's edge: 20 mm.
    const corners = (await entriesOf(cookies.specialist)).find((e) => e.photo.id === late)!.photo.scale!.corners;
    const ruler = await measureRoute(apiRequest(`/api/v1/photos/${late}/measurements`, { cookie: cookies.specialist, method: "POST", json: { kind: "ruler", points: [corners[0], corners[1]] } }), params({ id: late }));
    expect(ruler.status).toBe(201);

    const res = await timeline(lesionId, cookies.specialist);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.lesion).toMatchObject({ id: lesionId, label: "Mole on the forearm", bodySite: FOREARM, bodyMapPoint: { x: 0.3, y: 0.55 } });
    const entries = body.entries as Entry[];
    expect(entries.map((e) => [e.photo.id, e.referral.caseId])).toEqual([[early, case1], [late, case2], [unscaled, case2]]);
    expect(entries.every((e) => e.photo.status === "ready" && e.photo.lesionId === lesionId && e.referral.submittedAt)).toBe(true);

    const [first, second, third] = entries as [Entry, Entry, Entry];
    expect(first.figures).toMatchObject({ scaled: true, diameterSource: "auto", areaSource: "auto" });
    expect(Math.abs(first.figures.longestDiameterMm! - 7) / 7).toBeLessThan(0.05);
    expect(second.figures).toMatchObject({ scaled: true, diameterSource: "manual", areaSource: "auto" });
    expect(Math.abs(second.figures.longestDiameterMm! - 20)).toBeLessThan(0.2);
    expect(Math.abs(second.figures.areaMm2! - Math.PI * 25) / (Math.PI * 25)).toBeLessThan(0.1);
    expect(third.figures).toEqual({ scaled: false, longestDiameterMm: null, diameterSource: null, areaMm2: null, areaSource: null });

    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "lesion.timeline.read"), eq(auditEvents.resourceId, lesionId), eq(auditEvents.outcome, "success")));
    expect(event).toBeDefined();
  });

  it("the referrer also sees their draft's photo, but saved measurements only once the reply is out", async () => {
    const entries = await entriesOf(cookies.referrer);
    expect(entries.map((e) => e.photo.id)).toEqual([early, late, unscaled, draftPhoto]);
    expect(entries[3]!.referral).toMatchObject({ status: "draft", submittedAt: null });
    expect(entries[1]!.figures.diameterSource).toBe("auto"); // the ruler is not part of a reply yet
  });

  it("another clinic, an unknown lesion and a malformed id are 404, audited, without the label", async () => {
    const seen = await timeline(lesionId, stranger);
    expect(seen.status).toBe(404);
    expect(JSON.stringify(await seen.json())).not.toContain("Mole");
    const denied = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "lesion.timeline.read"), eq(auditEvents.outcome, "denied"), eq(auditEvents.resourceId, lesionId)));
    expect(denied.length).toBeGreaterThan(0);
    expect((await timeline("00000000-0000-4000-8000-000000000000", cookies.specialist)).status).toBe(404);
    expect((await timeline("not-a-uuid", cookies.specialist)).status).toBe(404);
  });
});
