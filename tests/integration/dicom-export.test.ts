/**
 * SPEC §14 objects: every object of a case with overview, close-up and dermoscopy photos passes
 * dciodvfy (exit code 0, no Error lines), is read by dcmdump and decodes with dcmdjpeg to the
 * master's size; repeated exports are identical; no byte of the uploads' EXIF, GPS, XMP or device
 * strings survives.
 */
import { and, eq } from "drizzle-orm";
import { unzipSync } from "fflate";
import sharp from "sharp";
import { GET as caseDicomRoute } from "@/app/api/v1/cases/[id]/dicom/route";
import { GET as photoDicomRoute } from "@/app/api/v1/photos/[id]/dicom/route";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { auditEvents } from "@/lib/db/schema";
import { caseReference } from "@/lib/cases/reference";
import { exportCaseDicom } from "@/lib/dicom/export";
import type { DicomObject } from "@/lib/dicom/objects";
import { SOP_CLASS } from "@/lib/dicom/dataset";
import { studyInstanceUid, seriesInstanceUid, sopInstanceUid } from "@/lib/dicom/uids";
import { photoObjectKey, photoStore } from "@/lib/photos/store";
import { cameraJpeg } from "../fixtures/images";
import { apiRequest, createPatient, createTenant, ctxOf, params, sessionCookie } from "../support/factories";
import { createCompleteDraft, jpeg, processCasePhotos, uploadPhotoRequest } from "../support/referrals";
import { dumpValue, inspectDicom, scratchDir } from "../support/dicom-tools";

const BACK = "66643007"; // unpaired: Image Laterality U
const FOREARM = "14975008"; // paired: Image Laterality present, empty (side not recorded)

let t: Awaited<ReturnType<typeof createTenant>>;
let caseId: string;
let mrn: string;
const photoIds: Record<string, string> = {};
const scratch = scratchDir();

async function collect(): Promise<DicomObject[]> {
  const out: DicomObject[] = [];
  for await (const o of (await exportCaseDicom(db, ctxOf(t.referrer), caseId)).objects) out.push(o);
  return out;
}

beforeAll(async () => {
  t = await createTenant();
  const cookie = (await sessionCookie(t.referrer)).cookie;
  const patient = await createPatient(t.clinic.id, { mrn: `MRN-DCM-${Date.now().toString(36)}` });
  mrn = patient.mrn;
  caseId = (await createCompleteDraft(ctxOf(t.referrer), patient.id)).id;
  const uploads: [string, Buffer, string][] = [
    ["overview", await cameraJpeg(1600, 1200), BACK], // GPS, make/model, XMP, orientation 6
    ["closeup", await cameraJpeg(1200, 900), FOREARM],
    ["dermoscopy", await jpeg(1024, 1024, 7), FOREARM],
  ];
  for (const [view, bytes, bodySite] of uploads) {
    const res = await uploadPhotoRequest(cookie, caseId, bytes, { view, bodySite });
    expect(res.status).toBe(201);
    photoIds[view] = (await res.json()).id;
  }
  expect(await processCasePhotos(caseId)).toEqual(["ready", "ready", "ready"]);
});

afterAll(async () => (await scratch).cleanup());

describe("DICOM export", () => {
  it("writes one valid object per photo: dciodvfy 0 errors, dcmdump reads it, dcmdjpeg decodes to the master's size", async () => {
    const { dir } = await scratch;
    const objects = await collect();
    expect(objects.map((o) => o.photoId)).toEqual([photoIds.overview, photoIds.closeup, photoIds.dermoscopy]);
    for (const o of objects) {
      const r = await inspectDicom(dir, o.photoId, o.bytes);
      expect(r.errors, r.verify.stderr).toEqual([]);
      expect(r.verify.code, r.verify.stderr).toBe(0);
      expect(r.dump.code).toBe(0);
      expect(r.decode.code, r.decode.stderr).toBe(0);
      const master = await sharp(await photoStore().getObject(photoObjectKey(o.photoId, "master"))).metadata();
      expect([r.decodedColumns, r.decodedRows]).toEqual([master.width, master.height]);
      // Only the Modality defined term DMS is unknown to this dicom3tools release (see docs/decisions.md).
      expect(r.warnings.filter((w) => !w.includes("<DMS>"))).toEqual([]);

      const dump = r.dump.stdout;
      expect(dumpValue(dump, "0010,0020")).toBe(mrn);
      expect(dumpValue(dump, "0010,0021")).toBe(t.clinic.name);
      expect(dumpValue(dump, "0008,0050")).toBe(caseReference(caseId));
      expect(dumpValue(dump, "0020,000d")).toBe(studyInstanceUid(caseId));
      expect(dumpValue(dump, "0008,0018")).toBe(sopInstanceUid(o.photoId));
      expect(dumpValue(dump, "0002,0010")).toBe("1.2.840.10008.1.2.4.50");
      expect(dumpValue(dump, "0008,0102")).toBe("SCT");
    }
    const [overview, closeup, dermoscopy] = await Promise.all(objects.map((o, i) => inspectDicom(dir, `again-${i}`, o.bytes)));
    expect(dumpValue(overview!.dump.stdout, "0008,0016")).toBe(SOP_CLASS.vlPhotographic);
    expect(dumpValue(closeup!.dump.stdout, "0008,0016")).toBe(SOP_CLASS.vlPhotographic);
    expect(dumpValue(dermoscopy!.dump.stdout, "0008,0016")).toBe(SOP_CLASS.dermoscopicPhotography);
    expect(dumpValue(dermoscopy!.dump.stdout, "0008,0060")).toBe("DMS");
    expect(dumpValue(overview!.dump.stdout, "0008,0060")).toBe("XC");
    expect(dumpValue(overview!.dump.stdout, "0008,0100")).toBe(BACK);
    expect(dumpValue(overview!.dump.stdout, "0020,0062")).toBe("U");
    expect(closeup!.dump.stdout).toMatch(/\(0020,0062\) CS \(no value available\)/);
    // One series per view.
    expect(dumpValue(closeup!.dump.stdout, "0020,000e")).toBe(seriesInstanceUid(caseId, "closeup"));
    expect(new Set(objects.map((o, i) => dumpValue([overview, closeup, dermoscopy][i]!.dump.stdout, "0020,000e"))).size).toBe(3);
  });

  it("gives identical objects and UIDs when exported twice", async () => {
    const first = await collect();
    const second = await collect();
    expect(second.map((o) => o.sopInstanceUid)).toEqual(first.map((o) => o.sopInstanceUid));
    for (let i = 0; i < first.length; i++) expect(second[i]!.bytes.equals(first[i]!.bytes)).toBe(true);
  });

  it("carries no EXIF, GPS, XMP or device string of the uploads", async () => {
    for (const o of await collect()) {
      for (const needle of ["GPS", "Exif", "AcmePhone", "AcmeCamera", "Dr Example", "xmpmeta", "http://ns.adobe.com"]) {
        expect(o.bytes.includes(Buffer.from(needle)), `${needle} in ${o.fileName}`).toBe(false);
      }
    }
  });
});

describe("DICOM download routes", () => {
  const photoDicom = (id: string, cookie: string) => photoDicomRoute(apiRequest(`/api/v1/photos/${id}/dicom`, { cookie }), params({ id }));
  const caseDicom = (id: string, cookie: string) => caseDicomRoute(apiRequest(`/api/v1/cases/${id}/dicom`, { cookie }), params({ id }));

  it("serves a photo as application/dicom and the case as a zip of its study, privately, each download audited", async () => {
    const cookie = (await sessionCookie(t.referrer)).cookie;
    const one = await photoDicom(photoIds.dermoscopy!, cookie);
    expect(one.status).toBe(200);
    expect(one.headers.get("content-type")).toBe("application/dicom");
    expect(one.headers.get("cache-control")).toBe("private, no-store");
    expect(one.headers.get("x-content-type-options")).toBe("nosniff");
    const bytes = Buffer.from(await one.arrayBuffer());
    expect(bytes.subarray(128, 132).toString()).toBe("DICM");

    const zip = await caseDicom(caseId, cookie);
    expect(zip.status).toBe(200);
    expect(zip.headers.get("content-type")).toBe("application/zip");
    expect(zip.headers.get("content-disposition")).toBe(`attachment; filename="${caseReference(caseId)}-dicom.zip"`);
    const archive = Buffer.from(await zip.arrayBuffer());
    const files = unzipSync(new Uint8Array(archive));
    expect(Object.keys(files)).toEqual(["01-overview/001.dcm", "02-closeup/001.dcm", "03-dermoscopy/001.dcm"]);
    expect(Buffer.from(files["03-dermoscopy/001.dcm"]!).equals(bytes)).toBe(true);
    // The same study gives the same archive.
    expect(Buffer.from(await (await caseDicom(caseId, cookie)).arrayBuffer()).equals(archive)).toBe(true);

    const rows = await db.select().from(auditEvents).where(and(eq(auditEvents.actorId, t.referrer.id), eq(auditEvents.outcome, "success")));
    expect(rows.filter((r) => r.action === "photo.dicom" && r.resourceId === photoIds.dermoscopy)).toHaveLength(1);
    const caseRows = rows.filter((r) => r.action === "case.dicom" && r.resourceId === caseId);
    expect(caseRows.length).toBeGreaterThanOrEqual(2);
    expect(caseRows[0]!.details).toEqual({ photoIds: [photoIds.overview, photoIds.closeup, photoIds.dermoscopy] });
  });

  it("answers another clinic's referrer 404 for the photo and the case, and audits both denials", async () => {
    const other = await createTenant();
    const cookie = (await sessionCookie(other.referrer)).cookie;
    expect((await photoDicom(photoIds.overview!, cookie)).status).toBe(404);
    expect((await caseDicom(caseId, cookie)).status).toBe(404);
    const denied = await db.select().from(auditEvents).where(and(eq(auditEvents.actorId, other.referrer.id), eq(auditEvents.outcome, "denied")));
    expect(denied.map((r) => [r.action, r.resourceId]).sort()).toEqual([
      ["case.dicom", caseId],
      ["photo.dicom", photoIds.overview],
    ]);
  });
});
