/**
 * Manual measurements (SPEC §15): the specialist holding the claim saves a ruler and an outline on
 * a photo with a scale; millimetres come from the server through the photo's homography, the save
 * is audited, they round-trip, the referrer sees them once the reply is out; a photo without a
 * scale refuses with 422 and nothing is stored; only the claim holder may measure.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as replyRoute } from "@/app/api/v1/cases/[id]/consultation/route";
import { GET as listRoute, POST as saveRoute } from "@/app/api/v1/photos/[id]/measurements/route";
import { GET as photoRoute } from "@/app/api/v1/photos/[id]/route";
import { db } from "@/lib/db/client";
import { auditEvents, photoMeasurements } from "@/lib/db/schema";
import { submitCase } from "@/lib/cases/lifecycle";
import { applyHomography, type Homography } from "@/lib/measure/homography";
import { randomSpec, renderScene } from "../fixtures/measure-scene";
import { apiRequest, createPatient, createTenant, createUser, ctxOf, params, sessionCookie } from "../support/factories";
import { createCompleteDraft, processCasePhotos, runTriage, uploadPhotoRequest } from "../support/referrals";
import { claim, reviewCookies } from "../support/review-fixtures";

let cookies: { specialist: string; referrer: string };
let caseId: string;
let scaledId: string;
let unscaledId: string;

beforeAll(async () => {
  const t = await createTenant();
  cookies = await reviewCookies(t);
  caseId = (await createCompleteDraft(ctxOf(t.referrer), (await createPatient(t.clinic.id)).id)).id;
  const upload = async (jpeg: Buffer, view: string) => (await (await uploadPhotoRequest(cookies.referrer, caseId, jpeg, { view })).json()).id as string;
  scaledId = await upload((await renderScene(randomSpec(911, { pxPerMm: 12, tiltDeg: 15, rotationDeg: 30 }))).jpeg, "closeup");
  unscaledId = await upload((await renderScene(randomSpec(912, { marker: null, pxPerMm: 10 }))).jpeg, "overview");
  await processCasePhotos(caseId);
  await submitCase(db, ctxOf(t.referrer), caseId);
  await runTriage(caseId);
});

const save = (photoId: string, json: unknown, cookie = cookies.specialist) =>
  saveRoute(apiRequest(`/api/v1/photos/${photoId}/measurements`, { cookie, method: "POST", json }), params({ id: photoId }));
const list = (photoId: string, cookie: string) => listRoute(apiRequest(`/api/v1/photos/${photoId}/measurements`, { cookie }), params({ id: photoId }));

describe("manual measurements", () => {
  it("only the claim holder measures; a saved ruler and outline round-trip, in mm, audited", async () => {
    expect((await save(scaledId, { kind: "ruler", points: [[10, 10], [100, 10]] })).status).toBe(409); // not claimed yet
    expect((await claim(caseId, cookies.specialist)).status).toBe(200);

    const photo = await (await photoRoute(apiRequest(`/api/v1/photos/${scaledId}`, { cookie: cookies.specialist }), params({ id: scaledId }))).json();
    const h = photo.scale.homography as Homography;
    // A ruler along the marker's top edge measures the sticker's side.
    const [a, b] = photo.scale.corners as [number, number][];
    const ruler = await save(scaledId, { kind: "ruler", points: [a, b], label: "sticker edge" });
    expect(ruler.status).toBe(201);
    const saved = await ruler.json();
    expect(saved).toMatchObject({ kind: "ruler", label: "sticker edge", createdBy: { id: expect.any(String) } });
    expect(Math.abs(saved.lengthMm - 20)).toBeLessThan(0.1);

    // An outline of the marker's square: 400 mm² whatever the tilt.
    const outline = await (await save(scaledId, { kind: "outline", points: photo.scale.corners })).json();
    expect(Math.abs(outline.areaMm2 - 400)).toBeLessThan(2);
    const diag = Math.hypot(...(applyHomography(h, photo.scale.corners[2]).map((v, i) => v - applyHomography(h, photo.scale.corners[0])[i]!) as [number, number]));
    expect(Math.abs(outline.lengthMm - diag)).toBeLessThan(0.05);

    const { items } = await (await list(scaledId, cookies.specialist)).json();
    expect(items.map((m: { id: string }) => m.id)).toEqual([saved.id, outline.id]);
    expect(items[0].points).toEqual([a, b]);

    const audits = await db.select().from(auditEvents).where(eq(auditEvents.resourceId, scaledId));
    expect(audits.filter((e) => e.action === "photo.measure").map((e) => (e.details as { measurementId: string }).measurementId).sort()).toEqual([saved.id, outline.id].sort());
    expect(audits.some((e) => e.action === "photo.measurements.read")).toBe(true);
  });

  it("refuses bad input and photos without a scale with 422, storing nothing", async () => {
    const before = (await db.select().from(photoMeasurements).where(eq(photoMeasurements.photoId, unscaledId))).length;
    const noScale = await save(unscaledId, { kind: "ruler", points: [[10, 10], [200, 10]] });
    expect(noScale.status).toBe(422);
    expect((await noScale.json()).error.message).toMatch(/no scale/);
    for (const bad of [{ kind: "ruler", points: [[1, 1]] }, { kind: "outline", points: [[1, 1], [2, 2]] }, { kind: "area", points: [] }, { kind: "ruler", points: [[-5, 1], [3, 3]] }, { kind: "ruler", points: [[1, 1], [2, 2]], extra: 1 }]) {
      expect((await save(scaledId, bad)).status).toBe(422);
    }
    expect((await db.select().from(photoMeasurements).where(eq(photoMeasurements.photoId, unscaledId))).length).toBe(before);
  });

  it("the referrer sees them with the reply, and another specialist cannot add any", async () => {
    expect((await (await list(scaledId, cookies.referrer)).json()).items).toEqual([]); // not answered yet
    const other = await createUser("specialist");
    expect((await save(scaledId, { kind: "ruler", points: [[1, 1], [50, 50]] }, (await sessionCookie(other)).cookie)).status).toBe(409);
    const reply = await replyRoute(
      apiRequest(`/api/v1/cases/${caseId}/consultation`, { cookie: cookies.specialist, method: "POST", json: { diagnosis: "Benign naevus", plan: "Reassure; photograph again in 6 months.", disposition: "reassure" } }),
      params({ id: caseId }),
    );
    expect(reply.status).toBe(201);
    const { items } = await (await list(scaledId, cookies.referrer)).json();
    expect(items).toHaveLength(2);
    expect(items[0].lengthMm).toBeGreaterThan(19.9);
  });
});
