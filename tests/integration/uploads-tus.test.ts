/**
 * SPEC §16 resumable uploads (tus 1.0 at /api/v1/uploads) against the real route handlers,
 * Postgres, Redis and the storage driver: a PATCH cut off half-way over a real socket resumes
 * from the offset HEAD reports and the photo reaches ready through the worker's pipeline; the
 * 25 MB cap holds at creation and while reading; another clinic's (or colleague's) upload URL is
 * an audited 404; the pieces at rest are ciphertext; protocol and input mistakes are clear 4xx
 * with nothing half-written; the expiry job removes abandoned uploads.
 */
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { auditEvents, cases, photos, photoUploads } from "@/lib/db/schema";
import { enforceRateLimit, RATE_LIMITS } from "@/lib/http/rate-limit";
import { MAX_PHOTO_BYTES } from "@/lib/photos/limits";
import { objectStoreFromEnv } from "@/lib/storage/from-env";
import { UPLOADS_PREFIX } from "@/lib/uploads/pieces";
import maintenanceJob from "@/workers/processors/maintenance";
import type { Job } from "bullmq";
import { createPatient, createTenant, createUser, ctxOf, sessionCookie } from "../support/factories";
import { createCompleteDraft, jpeg, processCasePhotos } from "../support/referrals";
import { createUpload, headOffset, interruptedPatch, patchUpload, startUploadServer, tus, tusMetadata } from "../support/tus";

let cookie: string;
let caseId: string;
let clinicId: string;
let strangerCookie: string;
let colleagueCookie: string;
let server: Awaited<ReturnType<typeof startUploadServer>>;

const rawPieces = async (id: string) => {
  const store = objectStoreFromEnv();
  return Promise.all((await store.list(`${UPLOADS_PREFIX}${id}/`)).map((o) => store.get(o.key)));
};
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const recordOf = async (id: string) => (await db.select().from(photoUploads).where(eq(photoUploads.id, id)))[0];

beforeAll(async () => {
  const t = await createTenant();
  clinicId = t.clinic.id;
  cookie = (await sessionCookie(t.referrer)).cookie;
  colleagueCookie = (await sessionCookie(await createUser("referrer", t.clinic.id))).cookie;
  strangerCookie = (await sessionCookie((await createTenant()).referrer)).cookie;
  const patient = await createPatient(t.clinic.id);
  caseId = (await createCompleteDraft(ctxOf(t.referrer), patient.id)).id;
  server = await startUploadServer();
});
afterAll(() => server.close());

describe("tus uploads", () => {
  it("resumes a PATCH cut off half-way from the offset HEAD reports, and the photo reaches ready", async () => {
    const photo = await jpeg(2400, 1800, 7);
    const id = await createUpload(cookie, caseId, photo.length);
    const half = Math.floor(photo.length / 2);
    await interruptedPatch(server.port, cookie, id, 0, photo, half);

    // The bytes that arrived before the signal went are kept; HEAD says where to go on.
    let offset = 0;
    for (let i = 0; i < 50 && offset === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      offset = await headOffset(cookie, id);
    }
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(half);

    // Resume over the real socket, as the browser would.
    const res = await fetch(`http://127.0.0.1:${server.port}/api/v1/uploads/${id}`, {
      method: "PATCH",
      headers: { cookie, "tus-resumable": "1.0.0", "upload-offset": String(offset), "content-type": "application/offset+octet-stream" },
      body: new Uint8Array(photo.subarray(offset)),
    });
    expect(res.status).toBe(200);
    const dto = await res.json();
    expect(dto).toMatchObject({ caseId, view: "closeup", status: "processing" });
    expect(res.headers.get("photo-id")).toBe(dto.id);

    const [row] = await db.select().from(photos).where(eq(photos.id, dto.id));
    expect(row!.sha256).toBe(sha(photo)); // byte for byte what the client had
    expect(row!.sizeBytes).toBe(photo.length);
    const [job] = await db.select({ action: auditEvents.action }).from(auditEvents).where(and(eq(auditEvents.resourceId, dto.id), eq(auditEvents.action, "photo.upload")));
    expect(job).toBeDefined();
    expect(await processCasePhotos(caseId)).toEqual(["ready"]);

    // Finished: HEAD still answers (offset = length) and names the photo; the pieces are gone.
    const head = await tus("HEAD", id, { cookie });
    expect(head.headers.get("upload-offset")).toBe(String(photo.length));
    expect(head.headers.get("photo-id")).toBe(dto.id);
    expect(await rawPieces(id)).toEqual([]);
    expect((await patchUpload(cookie, id, photo.length, Buffer.alloc(0))).status).toBe(409);
  });

  it("a 25 MB photo in 5 MB pieces is not throttled: PATCHes and HEADs do not draw from the upload bucket", async () => {
    const user = await createUser("referrer", clinicId);
    const c = (await sessionCookie(user)).cookie;
    const draft = await createCompleteDraft(ctxOf(user), (await createPatient(clinicId)).id);
    const big = Buffer.concat([await jpeg(1600, 1200, 3), Buffer.alloc(MAX_PHOTO_BYTES)]).subarray(0, MAX_PHOTO_BYTES);
    const id = await createUpload(c, draft.id, big.length);
    // Empty the user's upload bucket: another creation is refused at once, yet every piece passes.
    for (let i = 0; i < RATE_LIMITS.upload.perUser.burst; i++) await enforceRateLimit("upload", { userId: user.id, ip: null }).catch(() => undefined);
    const refused = await tus("POST", null, { cookie: c, headers: { "upload-length": "10", "upload-metadata": tusMetadata({ caseId: draft.id, view: "overview", bodySite: "14975008" }) } });
    expect(refused.status).toBe(429);
    const piece = 5 * 1024 * 1024;
    let last: Response | undefined;
    for (let at = 0; at < big.length; at += piece) {
      expect(await headOffset(c, id)).toBe(at);
      last = await patchUpload(c, id, at, big.subarray(at, at + piece));
      expect([200, 204]).toContain(last.status);
    }
    expect(last!.status).toBe(200);
    expect((await last!.json()).status).toBe("processing");
  });

  it("refuses more than 25 MB: at creation, and a PATCH past it (declared or streamed) with nothing stored", async () => {
    const over = await tus("POST", null, { cookie, headers: { "upload-length": String(MAX_PHOTO_BYTES + 1), "upload-metadata": tusMetadata({ caseId, view: "overview", bodySite: "14975008" }) } });
    expect(over.status).toBe(413);
    expect((await over.json()).error.code).toBe("payload_too_large");

    const start = await jpeg(800, 600, 2);
    const tooMuch = Buffer.concat([start, Buffer.alloc(MAX_PHOTO_BYTES + 1 - start.length)]);
    const id = await createUpload(cookie, caseId, MAX_PHOTO_BYTES);
    const declared = await patchUpload(cookie, id, 0, tooMuch);
    expect(declared.status).toBe(413);
    expect((await declared.json()).error.code).toBe("payload_too_large");
    // The same bytes streamed without Content-Length: cut off by the limiter while reading.
    const streamed = await tus("PATCH", id, {
      cookie,
      headers: { "upload-offset": "0", "content-type": "application/offset+octet-stream" },
      body: new Blob([new Uint8Array(tooMuch)]).stream(),
    });
    expect(streamed.status).toBe(413);
    expect(await headOffset(cookie, id)).toBe(0);
    expect(await rawPieces(id)).toEqual([]);
    expect((await db.select().from(photos).where(eq(photos.caseId, caseId))).length).toBe(1); // only the first test's
  });

  it("another clinic's or a colleague's upload URL is an audited 404 for HEAD, PATCH and DELETE", async () => {
    const bytes = await jpeg(900, 700, 4);
    const id = await createUpload(cookie, caseId, bytes.length);
    for (const who of [strangerCookie, colleagueCookie]) {
      expect((await tus("HEAD", id, { cookie: who })).status).toBe(404);
      const patch = await patchUpload(who, id, 0, bytes);
      expect(patch.status).toBe(404);
      expect((await patch.json()).error.code).toBe("not_found");
      expect((await tus("DELETE", id, { cookie: who })).status).toBe(404);
    }
    const denials = await db.select().from(auditEvents).where(and(eq(auditEvents.resourceId, id), eq(auditEvents.outcome, "denied")));
    expect(denials.length).toBe(6);
    expect(denials.every((d) => d.resourceType === "photo_upload")).toBe(true);
    expect(await headOffset(cookie, id)).toBe(0); // untouched
    expect((await tus("DELETE", id, { cookie })).status).toBe(204); // its owner may abandon it
    expect(await recordOf(id)).toBeUndefined();
  });

  it("keeps the partial bytes at rest as ciphertext, not as the original file", async () => {
    const photo = await jpeg(1600, 1200, 5);
    const id = await createUpload(cookie, caseId, photo.length);
    const part = Math.floor(photo.length / 2);
    expect((await patchUpload(cookie, id, 0, photo.subarray(0, part))).status).toBe(204);
    expect(await headOffset(cookie, id)).toBe(part);
    const stored = await rawPieces(id);
    expect(stored).toHaveLength(1);
    const raw = stored[0]!;
    expect(raw.subarray(0, 4).toString()).toBe("DRE1");
    // No JPEG start-of-image where a sealed object's content begins (anywhere else three bytes
    // ff d8 ff turn up in random ciphertext by chance, once per 16 MiB on average; the 32-byte
    // windows below are the real check that no plaintext is stored).
    expect(raw.subarray(4, 64).includes(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
    for (let at = 0; at + 32 <= part; at += Math.floor(part / 16)) expect(raw.includes(photo.subarray(at, at + 32))).toBe(false);
    await expect(sharp(raw).metadata()).rejects.toThrow();
    expect((await tus("DELETE", id, { cookie })).status).toBe(204);
    expect(await rawPieces(id)).toEqual([]);
  });

  it("answers protocol and input mistakes with a clear 4xx and keeps nothing", async () => {
    const meta = (p: Record<string, string>) => ({ "upload-length": "1000", "upload-metadata": tusMetadata(p) });
    const count = async () => (await db.select().from(photoUploads).where(eq(photoUploads.caseId, caseId))).length;
    const before = await count();

    const wrongVersion = await tus("POST", null, { cookie, headers: { ...meta({ caseId, view: "overview", bodySite: "14975008" }), "tus-resumable": "0.2.2" } });
    expect(wrongVersion.status).toBe(412);
    expect(wrongVersion.headers.get("tus-version")).toBe("1.0.0");
    const noCase = await tus("POST", null, { cookie, headers: meta({ view: "overview", bodySite: "14975008" }) });
    expect(noCase.status).toBe(422);
    expect((await noCase.json()).error.fields.caseId).toBeDefined();
    const badView = await tus("POST", null, { cookie, headers: meta({ caseId, view: "selfie", bodySite: "14975008" }) });
    expect(badView.status).toBe(422);
    expect((await badView.json()).error.fields.view).toBeDefined();
    const malformed = await tus("POST", null, { cookie, headers: { "upload-length": "1000", "upload-metadata": "caseId %%%,view" } });
    expect(malformed.status).toBe(400);
    const noLength = await tus("POST", null, { cookie, headers: { "upload-metadata": tusMetadata({ caseId, view: "overview", bodySite: "14975008" }) } });
    expect(noLength.status).toBe(400);
    const otherClinic = await tus("POST", null, { cookie: strangerCookie, headers: meta({ caseId, view: "overview", bodySite: "14975008" }) });
    expect(otherClinic.status).toBe(404);
    expect(await count()).toBe(before);

    // A submitted case takes no uploads, and an upload begun before submission cannot go on.
    const user = await createUser("referrer", clinicId);
    const c = (await sessionCookie(user)).cookie;
    const other = await createCompleteDraft(ctxOf(user), (await createPatient(clinicId)).id);
    const bytes = await jpeg(900, 700, 6);
    const early = await createUpload(c, other.id, bytes.length);
    // Marked submitted out of band (a whole submission is not what this test is about); not "triaged",
    // which would put a case without a deadline into the queue that later files read.
    await db.update(cases).set({ status: "submitted", submittedAt: new Date() }).where(eq(cases.id, other.id));
    const submitted = await tus("POST", null, { cookie: c, headers: meta({ caseId: other.id, view: "overview", bodySite: "14975008" }) });
    expect(submitted.status).toBe(409);
    expect((await patchUpload(c, early, 0, bytes)).status).toBe(409);
    expect(await headOffset(c, early)).toBe(0);

    // A fake image: refused by its bytes (415), the upload ended, nothing stored, no photo.
    const html = Buffer.from("<!doctype html><html><body><script>alert(1)</script></body></html>".padEnd(400, " "));
    const fake = await createUpload(cookie, caseId, html.length);
    const refused = await patchUpload(cookie, fake, 0, html);
    expect(refused.status).toBe(415);
    expect((await refused.json()).error.code).toBe("unsupported_media_type");
    expect(await recordOf(fake)).toBeUndefined();
    expect(await rawPieces(fake)).toEqual([]);
    // …and one that looks like a JPEG only in a first piece too short to judge, refused at the end.
    const tricky = Buffer.concat([Buffer.from("GIF89a"), Buffer.alloc(200)]);
    const late = await createUpload(cookie, caseId, tricky.length);
    expect((await patchUpload(cookie, late, 0, tricky.subarray(0, 10))).status).toBe(204);
    const lateRefusal = await patchUpload(cookie, late, 10, tricky.subarray(10));
    expect(lateRefusal.status).toBe(415);
    expect(await recordOf(late)).toBeUndefined();
    expect(await rawPieces(late)).toEqual([]);
    expect((await db.select().from(photos).where(eq(photos.caseId, caseId))).length).toBe(1);

    // Wrong offset and missing Content-Type are the protocol's own refusals, in our envelope.
    const probe = await createUpload(cookie, caseId, 100);
    const conflict = await patchUpload(cookie, probe, 50, Buffer.alloc(10));
    expect(conflict.status).toBe(409);
    expect((await conflict.json()).error.code).toBe("conflict");
    const untyped = await tus("PATCH", probe, { cookie, headers: { "upload-offset": "0" }, body: Buffer.alloc(10) });
    expect(untyped.status).toBe(400);
    expect((await untyped.json()).error.code).toBe("bad_request");
  });

  it("expires abandoned uploads after 24 h: 410 meanwhile, then the maintenance job removes record and pieces", async () => {
    const photo = await jpeg(900, 700, 8);
    const id = await createUpload(cookie, caseId, photo.length);
    expect((await patchUpload(cookie, id, 0, photo.subarray(0, 1000))).status).toBe(204);
    expect(await rawPieces(id)).toHaveLength(1);
    const created = new Date(Date.now() - 25 * 3600_000);
    await db.update(photoUploads).set({ createdAt: created, expiresAt: new Date(created.getTime() + 24 * 3600_000) }).where(eq(photoUploads.id, id));
    expect((await tus("HEAD", id, { cookie })).status).toBe(410);
    expect((await patchUpload(cookie, id, 1000, photo.subarray(1000))).status).toBe(410);

    const result = (await maintenanceJob({ name: "upload-expiry", data: {}, id: "t" } as unknown as Job)) as { removedUploads: string[] };
    expect(result.removedUploads).toContain(id);
    expect(await recordOf(id)).toBeUndefined();
    expect(await rawPieces(id)).toEqual([]);
    expect((await tus("HEAD", id, { cookie })).status).toBe(404);
  });

  it("answers OPTIONS with the server's capabilities", async () => {
    const res = await tus("OPTIONS", null, { headers: { "tus-resumable": "" } });
    expect(res.status).toBe(204);
    expect(res.headers.get("tus-version")).toBe("1.0.0");
    expect(res.headers.get("tus-max-size")).toBe(String(MAX_PHOTO_BYTES));
    expect(res.headers.get("tus-extension")).toContain("expiration");
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});
