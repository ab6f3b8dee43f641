import { eq } from "drizzle-orm";
import sharp from "sharp";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as imageRoute } from "@/app/api/v1/photos/[id]/image/route";
import { GET as photoRoute } from "@/app/api/v1/photos/[id]/route";
import { db } from "@/lib/db/client";
import { auditEvents, photos } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { photoObjectKey } from "@/lib/photos/store";
import { cameraJpeg, hugePngHeader } from "../fixtures/images";
import { apiRequest, createPatient, createTenant, ctxOf, params, sessionCookie } from "../support/factories";
import { createCompleteDraft, jpeg, processCasePhotos, uploadPhotoRequest } from "../support/referrals";

let cookie: string;
let caseId: string;

beforeAll(async () => {
  const t = await createTenant();
  cookie = (await sessionCookie(t.referrer)).cookie;
  const patient = await createPatient(t.clinic.id);
  caseId = (await createCompleteDraft(ctxOf(t.referrer), patient.id)).id;
});

const image = (id: string, variant: string) => imageRoute(apiRequest(`/api/v1/photos/${id}/image?variant=${variant}`, { cookie }), params({ id }));

describe("photo pipeline", () => {
  it("orients, strips every metadata block, encrypts at rest and serves privately", async () => {
    const camera = await cameraJpeg(1600, 1200); // stored 1600×1200 with EXIF orientation 6, GPS, make/model, XMP
    const res = await uploadPhotoRequest(cookie, caseId, camera);
    expect(res.status).toBe(201);
    const { id, status } = await res.json();
    expect(status).toBe("processing");
    const [row] = await db.select().from(photos).where(eq(photos.id, id));
    expect(row!.sha256).toMatch(/^[0-9a-f]{64}$/);

    expect(await processCasePhotos(caseId)).toEqual(["ready"]);
    const meta = await (await photoRoute(apiRequest(`/api/v1/photos/${id}`, { cookie }), params({ id }))).json();
    expect(meta).toMatchObject({ id, status: "ready", width: 1200, height: 1600, quality: { flags: expect.any(Array) } });

    for (const variant of ["master", "display", "thumb"]) {
      const served = await image(id, variant);
      expect(served.status).toBe(200);
      expect(served.headers.get("cache-control")).toBe("private, no-store");
      expect(served.headers.get("x-content-type-options")).toBe("nosniff");
      const bytes = Buffer.from(await served.arrayBuffer());
      const m = await sharp(bytes).metadata();
      expect(m.height! > m.width!).toBe(true); // upright portrait
      expect(m.exif).toBeUndefined();
      expect(m.xmp).toBeUndefined();
      expect(m.iptc).toBeUndefined();
      expect(m.orientation).toBeUndefined();
      expect(bytes.includes(Buffer.from("GPS"))).toBe(false);

      // What lies on disk is ciphertext, not an image.
      const onDisk = await readFile(path.join(env.STORAGE_DIR, photoObjectKey(id, variant as "master")));
      expect(onDisk.subarray(0, 4).toString()).toBe("DRE1");
      await expect(sharp(onDisk).metadata()).rejects.toThrow();
    }
    // The original upload, which carried GPS, is gone once processed.
    await expect(readFile(path.join(env.STORAGE_DIR, photoObjectKey(id, "original")))).rejects.toThrow();
    const views = await db.select().from(auditEvents).where(eq(auditEvents.resourceId, id));
    expect(views.filter((v) => v.action === "photo.view")).toHaveLength(3);
  });

  it("refuses fakes by their bytes: text or HTML named .jpg and SVG → 415", async () => {
    const html = Buffer.from("<!doctype html><html><body><script>alert(1)</script></body></html>");
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="900" height="700"><rect width="900" height="700"/></svg>');
    for (const [bytes, type] of [
      [html, "image/jpeg"],
      [Buffer.from("just some text pretending"), "image/jpeg"],
      [svg, "image/svg+xml"],
    ] as const) {
      const res = await uploadPhotoRequest(cookie, caseId, bytes, { type, filename: "photo.jpg" });
      expect(res.status).toBe(415);
      expect((await res.json()).error.code).toBe("unsupported_media_type");
    }
  });

  it("refuses a 27 MB upload with 413", async () => {
    const big = Buffer.concat([await jpeg(800, 600), Buffer.alloc(27 * 1024 * 1024, 1)]);
    const res = await uploadPhotoRequest(cookie, caseId, big);
    expect(res.status).toBe(413);
  });

  it("rejects a PNG declaring 60000×60000 pixels, and a truncated JPEG, with reasons; the next photo still processes", async () => {
    const huge = await (await uploadPhotoRequest(cookie, caseId, hugePngHeader(), { type: "image/png", filename: "x.png" })).json();
    const good = await jpeg(1024, 768, 3);
    const truncated = await (await uploadPhotoRequest(cookie, caseId, good.subarray(0, Math.floor(good.length / 2)))).json();
    const next = await (await uploadPhotoRequest(cookie, caseId, await jpeg(1024, 768, 4))).json();
    await processCasePhotos(caseId);
    const rows = Object.fromEntries((await db.select().from(photos).where(eq(photos.caseId, caseId))).map((r) => [r.id, r]));
    expect(rows[huge.id]).toMatchObject({ status: "rejected", rejectReason: expect.stringMatching(/megapixels/) });
    expect(rows[truncated.id]).toMatchObject({ status: "rejected", rejectReason: expect.any(String) });
    expect(rows[next.id]).toMatchObject({ status: "ready" });
    expect((await image(huge.id, "display")).status).toBe(404);
  });

  it("validates the view and body-site fields (422 naming them)", async () => {
    const res = await uploadPhotoRequest(cookie, caseId, await jpeg(900, 700), { view: "selfie", bodySite: "nowhere" });
    expect(res.status).toBe(422);
    expect(Object.keys((await res.json()).error.fields).sort()).toEqual(["bodySite", "view"]);
  });
});
