/**
 * HEIC end to end (SPEC §16): a heif-enc HEIC carrying EXIF orientation and GPS goes through the
 * real upload route and the worker's pipeline to a ready, upright photo with no GPS anywhere; a
 * real HEIC over the 40 MP limit is rejected with a reason, and the same worker process goes on to
 * process the next photo.
 */
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as imageRoute } from "@/app/api/v1/photos/[id]/image/route";
import { db } from "@/lib/db/client";
import { photos } from "@/lib/db/schema";
import { restrictSharpLoaders, unrestrictSharpLoaders } from "@/lib/photos/loader-policy";
import { cameraJpeg } from "../fixtures/images";
import { heicFromJpeg } from "../fixtures/heic";
import { apiRequest, createPatient, createTenant, ctxOf, params, sessionCookie } from "../support/factories";
import { createCompleteDraft, jpeg, processCasePhotos, uploadPhotoRequest } from "../support/referrals";

let cookie: string;
let caseId: string;

beforeAll(async () => {
  const t = await createTenant();
  cookie = (await sessionCookie(t.referrer)).cookie;
  caseId = (await createCompleteDraft(ctxOf(t.referrer), (await createPatient(t.clinic.id)).id)).id;
});

const image = (id: string, variant: string) => imageRoute(apiRequest(`/api/v1/photos/${id}/image?variant=${variant}`, { cookie }), params({ id }));

describe("HEIC photos", { timeout: 120_000 }, () => {
  it("a HEIC with EXIF orientation and GPS is accepted (no 415) and becomes a ready, upright photo without GPS", async () => {
    const heic = await heicFromJpeg(await cameraJpeg(1600, 1200));
    const res = await uploadPhotoRequest(cookie, caseId, heic, { type: "image/heic", filename: "IMG_0001.HEIC" });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const [row] = await db.select().from(photos).where(eq(photos.id, id));
    expect(row!.mime).toBe("image/heic");

    // The worker's loader policy is in force, as in the worker process.
    restrictSharpLoaders();
    try {
      expect(await processCasePhotos(caseId)).toEqual(["ready"]);
    } finally {
      unrestrictSharpLoaders();
    }
    const [done] = await db.select().from(photos).where(eq(photos.id, id));
    expect(done).toMatchObject({ status: "ready", width: 1200, height: 1600, mime: "image/jpeg" });
    for (const variant of ["master", "display", "thumb"]) {
      const served = await image(id, variant);
      expect(served.status).toBe(200);
      const bytes = Buffer.from(await served.arrayBuffer());
      const m = await sharp(bytes).metadata();
      expect(m.format).toBe("jpeg");
      expect(m.height! > m.width!).toBe(true);
      expect(m.exif).toBeUndefined();
      expect(bytes.includes(Buffer.from("GPS"))).toBe(false);
      expect(bytes.includes(Buffer.from("AcmePhone"))).toBe(false);
    }
  });

  it("a HEIC over the pixel limit is rejected with a reason and the next photo still processes", async () => {
    const big = await sharp({ create: { width: 8200, height: 5000, channels: 3, background: "#c89070" } }).jpeg().toBuffer();
    const heic = await heicFromJpeg(big, 10);
    const over = await (await uploadPhotoRequest(cookie, caseId, heic, { type: "image/heic", filename: "big.heic" })).json();
    const next = await (await uploadPhotoRequest(cookie, caseId, await jpeg(1024, 768, 9))).json();
    await processCasePhotos(caseId);
    const rows = Object.fromEntries((await db.select().from(photos).where(eq(photos.caseId, caseId))).map((r) => [r.id, r]));
    expect(rows[over.id]).toMatchObject({ status: "rejected", rejectReason: expect.stringMatching(/8200×5000 pixels \(41 megapixels\); the limit is 40 megapixels/) });
    expect(rows[next.id]).toMatchObject({ status: "ready" });
  });
});
