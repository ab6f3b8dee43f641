/**
 * Lesions (SPEC §15) through the real routes: one patient's lesion followed across two referrals
 * (the second case's photo linked to the first case's lesion → the lesion lists both photos in
 * date order); the reviewing specialist re-links after submission while the referrer no longer
 * can; another clinic's patient, lesion or photo is 404 and audited; bad input is 422 with
 * nothing written.
 */
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/patients/[id]/lesions/route";
import { PUT as linkRoute } from "@/app/api/v1/photos/[id]/lesion/route";
import { db } from "@/lib/db/client";
import { auditEvents, lesions, photos } from "@/lib/db/schema";
import { submitCase } from "@/lib/cases/lifecycle";
import { apiRequest, createPatient, createTenant, ctxOf, params } from "../support/factories";
import { createCompleteDraft, FOREARM, jpeg, processCasePhotos, runTriage, uploadPhotoRequest } from "../support/referrals";
import { claim, reviewCookies } from "../support/review-fixtures";

const SCALP = "43067004";

let a: Awaited<ReturnType<typeof createTenant>>;
let cookies: { specialist: string; referrer: string };
let stranger: string;
let patientId: string;
let case1: string, case2: string;
let photo1: string, photo2: string, photo3: string, strangerPhoto: string;

const list = (id: string, cookie: string) => listRoute(apiRequest(`/api/v1/patients/${id}/lesions`, { cookie }), params({ id }));
const create = (id: string, json: unknown, cookie = cookies.referrer) =>
  createRoute(apiRequest(`/api/v1/patients/${id}/lesions`, { cookie, method: "POST", json }), params({ id }));
const link = (id: string, json: unknown, cookie = cookies.referrer) => linkRoute(apiRequest(`/api/v1/photos/${id}/lesion`, { cookie, method: "PUT", json }), params({ id }));
const upload = async (cookie: string, caseId: string, seed: number) => (await (await uploadPhotoRequest(cookie, caseId, await jpeg(900, 700, seed), { view: "closeup" })).json()).id as string;
const lesionOf = async (photoId: string) => (await db.select({ l: photos.lesionId }).from(photos).where(eq(photos.id, photoId)))[0]!.l;
const denials = (resourceId: string, action: string) =>
  db.select().from(auditEvents).where(and(eq(auditEvents.resourceId, resourceId), eq(auditEvents.action, action), eq(auditEvents.outcome, "denied")));

beforeAll(async () => {
  a = await createTenant();
  const b = await createTenant();
  cookies = await reviewCookies(a);
  stranger = (await reviewCookies(b)).referrer;
  patientId = (await createPatient(a.clinic.id)).id;
  case1 = (await createCompleteDraft(ctxOf(a.referrer), patientId)).id;
  photo1 = await upload(cookies.referrer, case1, 1);
  const strangerCase = (await createCompleteDraft(ctxOf(b.referrer), (await createPatient(b.clinic.id)).id)).id;
  strangerPhoto = await upload(stranger, strangerCase, 4);
});

describe("lesions across referrals", () => {
  let mole: { id: string };

  it("the second referral's photo joins the first referral's lesion; the lesion lists both photos in date order", async () => {
    const created = await create(patientId, { label: "Mole A", bodySite: FOREARM, bodyMapPoint: { x: 0.25, y: 0.6 } });
    expect(created.status).toBe(201);
    mole = await created.json();
    expect(mole).toMatchObject({ patientId, label: "Mole A", bodySite: FOREARM, bodyMapPoint: { x: 0.25, y: 0.6 }, photos: [] });
    expect((await link(photo1, { lesionId: mole.id })).status).toBe(200);
    await processCasePhotos(case1);
    await submitCase(db, ctxOf(a.referrer), case1);
    await runTriage(case1);

    // A second referral of the same patient, months later: "same lesion as Mole A", and a new one.
    case2 = (await createCompleteDraft(ctxOf(a.referrer), patientId)).id;
    photo2 = await upload(cookies.referrer, case2, 2);
    photo3 = await upload(cookies.referrer, case2, 3);
    const same = await link(photo2, { lesionId: mole.id });
    expect(same.status).toBe(200);
    expect((await same.json()).lesion.id).toBe(mole.id);
    const fresh = await link(photo3, { newLesion: { label: "Scalp spot", bodySite: SCALP } });
    expect(fresh.status).toBe(200);
    const freshLesion = (await fresh.json()).lesion;
    expect(freshLesion).toMatchObject({ label: "Scalp spot", bodySite: SCALP, bodyMapPoint: null });

    const res = await list(patientId, cookies.referrer);
    expect(res.status).toBe(200);
    const { items } = await res.json();
    expect(items.map((l: { id: string }) => l.id)).toEqual([mole.id, freshLesion.id]);
    const molePhotos = items[0].photos as { id: string; caseId: string; createdAt: string; view: string; measurement: unknown }[];
    expect(molePhotos.map((p) => [p.id, p.caseId])).toEqual([[photo1, case1], [photo2, case2]]);
    expect(Date.parse(molePhotos[0]!.createdAt)).toBeLessThan(Date.parse(molePhotos[1]!.createdAt));
    expect(molePhotos[0]).toMatchObject({ view: "closeup", measurement: null });
    expect(items[1].photos.map((p: { id: string }) => p.id)).toEqual([photo3]);

    const links = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "photo.lesion.link"), eq(auditEvents.outcome, "success"), eq(auditEvents.patientId, patientId)));
    expect(links.map((e) => e.resourceId).sort()).toEqual([photo1, photo2, photo3].sort());
    expect((await db.select().from(auditEvents).where(and(eq(auditEvents.action, "lesion.list"), eq(auditEvents.resourceId, patientId)))).length).toBeGreaterThan(0);
  });

  it("the service sees submitted photos only; after submission the referrer cannot re-link, the reviewing specialist can", async () => {
    const seen = await (await list(patientId, cookies.specialist)).json();
    expect(seen.items[0].photos.map((p: { id: string }) => p.id)).toEqual([photo1]); // case 2 is still a draft
    expect(seen.items[1].photos).toEqual([]);

    const other = (await (await list(patientId, cookies.referrer)).json()).items[1].id as string;
    expect((await link(photo1, { lesionId: other })).status).toBe(409); // referrer, submitted case
    expect((await link(photo1, { lesionId: other }, cookies.specialist)).status).toBe(409); // not claimed
    expect(await lesionOf(photo1)).toBe(mole.id);
    expect((await claim(case1, cookies.specialist)).status).toBe(200);
    const relinked = await link(photo1, { lesionId: other }, cookies.specialist);
    expect(relinked.status).toBe(200);
    expect(await lesionOf(photo1)).toBe(other);
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "photo.lesion.link"), eq(auditEvents.resourceId, photo1), eq(auditEvents.actorId, a.specialist.id)));
    expect(event!.details).toEqual({ lesionId: other, previousLesionId: mole.id });
  });

  it("another clinic's lesions, patients and photos are 404 and audited", async () => {
    const seen = await list(patientId, stranger);
    expect(seen.status).toBe(404);
    expect(JSON.stringify(await seen.json())).not.toContain("Mole");
    expect((await denials(patientId, "lesion.list")).length).toBeGreaterThan(0);
    expect((await create(patientId, { label: "Mine now", bodySite: FOREARM }, stranger)).status).toBe(404);
    expect((await denials(patientId, "lesion.create")).length).toBeGreaterThan(0);
    expect((await link(photo2, { lesionId: mole.id }, stranger)).status).toBe(404);
    expect((await denials(photo2, "photo.lesion.link")).length).toBeGreaterThan(0);
    // The stranger's own draft photo cannot be attached to this clinic's lesion either.
    expect((await link(strangerPhoto, { lesionId: mole.id }, stranger)).status).toBe(404);
    expect((await denials(mole.id, "photo.lesion.link")).length).toBeGreaterThan(0);
    expect(await lesionOf(strangerPhoto)).toBeNull();
    expect((await db.select({ n: count() }).from(lesions).where(eq(lesions.label, "Mine now")))[0]!.n).toBe(0);
  });

  it("bad input is 422 with field errors and writes nothing", async () => {
    const lesionCount = async () => (await db.select({ n: count() }).from(lesions).where(eq(lesions.patientId, patientId)))[0]!.n;
    const before = await lesionCount();
    for (const bad of [
      {},
      { label: "", bodySite: FOREARM },
      { label: "X", bodySite: "not-a-site" },
      { label: "X", bodySite: FOREARM, bodyMapPoint: { x: 1.5, y: 0.2 } },
      { label: "X", bodySite: FOREARM, bodyMapPoint: { x: 0.5 } },
      { label: "X".repeat(81), bodySite: FOREARM },
      { label: "X", bodySite: FOREARM, extra: true },
    ]) {
      const res = await create(patientId, bad);
      expect(res.status, JSON.stringify(bad)).toBe(422);
      expect((await res.json()).error.code).toBe("invalid");
    }
    const beforeLink = await lesionOf(photo3);
    for (const bad of [{}, { lesionId: "nope" }, { lesionId: 5 }, { lesionId: null, newLesion: { label: "X", bodySite: FOREARM } }, { newLesion: { label: "X", bodySite: "bogus" } }, { newLesion: {} }]) {
      const res = await link(photo3, bad);
      expect(res.status, JSON.stringify(bad)).toBe(422);
    }
    expect((await create(patientId, "a string, not an object")).status).toBeOneOf([400, 422]);
    expect(await lesionOf(photo3)).toBe(beforeLink);
    expect(await lesionCount()).toBe(before);
    // An unknown lesion id is a 404, not a silent unlink.
    expect((await link(photo3, { lesionId: "00000000-0000-4000-8000-000000000000" })).status).toBe(404);
    expect(await lesionOf(photo3)).toBe(beforeLink);
    // Unlinking is explicit.
    expect((await (await link(photo3, { lesionId: null })).json()).lesion).toBeNull();
    expect(await lesionOf(photo3)).toBeNull();
  });
});
