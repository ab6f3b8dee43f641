/**
 * SPEC §15 end to end through the API: a close-up uploaded with a 20 mm calibration sticker and a
 * 9 mm lesion comes back from the worker's pipeline with a scale and an automatic measurement
 * within 2 %; a photo without a sticker has neither; the clinic's sticker side is what the scale
 * assumes.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as caseRoute } from "@/app/api/v1/cases/[id]/route";
import { GET as photoRoute } from "@/app/api/v1/photos/[id]/route";
import { db } from "@/lib/db/client";
import { clinics } from "@/lib/db/schema";
import { homographyFromPoints, localScale, type Point } from "@/lib/measure/homography";
import { randomSpec, renderScene } from "../fixtures/measure-scene";
import { apiRequest, createPatient, createTenant, ctxOf, params, sessionCookie } from "../support/factories";
import { createCompleteDraft, processCasePhotos, uploadPhotoRequest } from "../support/referrals";

let cookie: string;
let caseId: string;
let clinicId: string;

beforeAll(async () => {
  const t = await createTenant();
  clinicId = t.clinic.id;
  cookie = (await sessionCookie(t.referrer)).cookie;
  caseId = (await createCompleteDraft(ctxOf(t.referrer), (await createPatient(t.clinic.id)).id)).id;
});

async function uploadAndProcess(jpeg: Buffer, view: string) {
  const res = await uploadPhotoRequest(cookie, caseId, jpeg, { view });
  expect(res.status).toBe(201);
  const { id } = await res.json();
  await processCasePhotos(caseId);
  const photo = await (await photoRoute(apiRequest(`/api/v1/photos/${id}`, { cookie }), params({ id }))).json();
  return photo;
}

function trueMmPerPixel(corners: [number, number][], sideMm: number) {
  const h = homographyFromPoints(corners as Point[], [[0, 0], [sideMm, 0], [sideMm, sideMm], [0, sideMm]]);
  return localScale(h, [corners.reduce((s, p) => s + p[0], 0) / 4, corners.reduce((s, p) => s + p[1], 0) / 4]);
}

describe("measured photos", () => {
  it("a close-up with a 20 mm sticker and a 9 mm lesion → scale and measurement within 2 %", async () => {
    const scene = await renderScene(
      randomSpec(901, { lesionDiameterMm: 9, irregularity: 0, pxPerMm: 16, rotationDeg: 25, tiltDeg: 12, blurSigma: 0.8, jpegQuality: 85, hairs: 1 }),
    );
    expect(scene.truth.longestDiameterMm).toBeCloseTo(9, 2);
    const photo = await uploadAndProcess(scene.jpeg, "closeup");
    expect(photo.status).toBe("ready");
    expect(photo.scale).toMatchObject({ markerId: scene.spec.marker!.id, markerSideMm: 20 });
    expect(photo.scale.confidence).toBeGreaterThanOrEqual(0.5);
    const mmPerPixel = trueMmPerPixel(scene.truth.markerCornersPx!, 20);
    expect(Math.abs(photo.scale.mmPerPixel / mmPerPixel - 1)).toBeLessThan(0.02);
    expect(photo.measurement.kind).toBe("auto");
    expect(Math.abs(photo.measurement.longestDiameterMm / 9 - 1)).toBeLessThan(0.02);
    expect(Math.abs(photo.measurement.areaMm2 / (Math.PI * 4.5 ** 2) - 1)).toBeLessThan(0.02);
    expect(photo.measurement.outline.length).toBeGreaterThan(20);

    // The case detail carries the same fields for its photos.
    const detail = await (await caseRoute(apiRequest(`/api/v1/cases/${caseId}`, { cookie }), params({ id: caseId }))).json();
    const listed = detail.photos.find((p: { id: string }) => p.id === photo.id);
    expect(listed.scale.mmPerPixel).toBe(photo.scale.mmPerPixel);
    expect(listed.measurement.longestDiameterMm).toBe(photo.measurement.longestDiameterMm);
  });

  it("an overview gets a scale but no automatic outline; a photo without a sticker gets neither", async () => {
    const withSticker = await uploadAndProcess((await renderScene(randomSpec(902, { pxPerMm: 10 }))).jpeg, "overview");
    expect(withSticker.scale).not.toBeNull();
    expect(withSticker.measurement).toBeNull();
    const without = await uploadAndProcess((await renderScene(randomSpec(903, { marker: null, pxPerMm: 10 }))).jpeg, "closeup");
    expect(without.status).toBe("ready");
    expect(without.scale).toBeNull();
    expect(without.measurement).toBeNull();
  });

  it("the scale assumes the clinic's sticker side", async () => {
    await db.update(clinics).set({ markerSideMm: 15 }).where(eq(clinics.id, clinicId));
    try {
      const scene = await renderScene(
        randomSpec(904, { marker: { sideMm: 15, id: 3, dictionary: "ARUCO_MIP_36h12" }, lesionDiameterMm: 6, irregularity: 0, pxPerMm: 14, tiltDeg: 8 }),
      );
      const photo = await uploadAndProcess(scene.jpeg, "dermoscopy");
      expect(photo.scale.markerSideMm).toBe(15);
      expect(Math.abs(photo.measurement.longestDiameterMm / 6 - 1)).toBeLessThan(0.02);
    } finally {
      await db.update(clinics).set({ markerSideMm: 20 }).where(eq(clinics.id, clinicId));
    }
  });
});
