/**
 * Referral in (SPEC §12): a US Core-shaped transaction Bundle becomes a draft whose history equals
 * the answers, inline photos go through the real pipeline and lose their GPS; the same Bundle again
 * returns the same case; one invalid entry gives a 4xx OperationOutcome with `expression` and
 * creates nothing; an active referral must be complete. (An active, complete one is submitted once
 * its photos are processed: fhir-deferred-submit.test.ts.)
 */
import { count, eq } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { Bundle, OperationOutcome } from "fhir/r4";
import { db } from "@/lib/db/client";
import { cases, patients, photos } from "@/lib/db/schema";
import { photoObjectKey, photoStore } from "@/lib/photos/store";
import { cameraJpeg } from "../fixtures/images";
import { createTenant, sessionCookie } from "../support/factories";
import { fhirPost, FULL_HISTORY, referralBundle } from "../support/fhir";
import { processCasePhotos } from "../support/referrals";

const caseIdOf = (b: Bundle) => b.entry!.find((e) => e.response?.location?.startsWith("ServiceRequest/"))!.response!.location!.split("/")[1]!;

describe("FHIR referral in", () => {
  it("US Core Bundle → draft with the history answered, photos processed without GPS; replay → same case", async () => {
    const t = await createTenant();
    const { cookie } = await sessionCookie(t.referrer);
    const jpegs = [await cameraJpeg(1600, 1200), await cameraJpeg(1200, 1600)];
    const bundle = referralBundle({ mrn: `EHR-${Date.now()}`, identifier: `REF-${Date.now()}`, photos: jpegs });
    const res = await fhirPost({ cookie }, "", bundle);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/fhir\+json/);
    const out = (await res.json()) as Bundle;
    expect(out.type).toBe("transaction-response");
    const caseId = caseIdOf(out);
    const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
    expect(row!.status).toBe("draft");
    expect(row!.clinicId).toBe(t.clinic.id);
    expect(row!.history).toEqual(FULL_HISTORY);
    const [p] = await db.select().from(patients).where(eq(patients.id, row!.patientId));
    expect(p).toMatchObject({ familyName: "Doe", givenName: "Jane Q", birthDate: "1961-04-12", sex: "female", mrn: bundle.entry![0]!.resource!.resourceType === "Patient" ? (bundle.entry![0]!.resource.identifier![1]!.value) : "" });

    expect(await processCasePhotos(caseId)).toEqual(["ready", "ready"]);
    const stored = await db.select().from(photos).where(eq(photos.caseId, caseId));
    expect(stored.map((s) => s.view).sort()).toEqual(["closeup", "overview"]);
    for (const s of stored) {
      for (const variant of ["master", "display", "thumb"] as const) {
        const bytes = await photoStore().getObject(photoObjectKey(s.id, variant));
        expect((await sharp(bytes).metadata()).exif).toBeUndefined();
        expect(bytes.includes(Buffer.from("GPS"))).toBe(false);
        expect(bytes.includes(Buffer.from("AcmePhone"))).toBe(false);
      }
    }

    const again = await fhirPost({ cookie }, "", bundle);
    expect(again.status).toBe(200);
    expect(caseIdOf((await again.json()) as Bundle)).toBe(caseId);
    const [{ n }] = (await db.select({ n: count() }).from(cases).where(eq(cases.clinicId, t.clinic.id))) as [{ n: number }];
    expect(n).toBe(1);
  });

  it("an active referral that is not complete is refused (422 naming what is missing), nothing created", async () => {
    const t = await createTenant();
    const { cookie } = await sessionCookie(t.referrer);
    const res = await fhirPost({ cookie }, "", referralBundle({ mrn: `A-${Date.now()}`, identifier: `ACT-${Date.now()}`, status: "active", photos: [] }));
    expect(res.status).toBe(422);
    expect(((await res.json()) as OperationOutcome).issue.map((i) => i.expression)).toContainEqual(["Bundle.entry"]);
    const [{ n }] = (await db.select({ n: count() }).from(cases).where(eq(cases.clinicId, t.clinic.id))) as [{ n: number }];
    expect(n).toBe(0);
  });

  it("one invalid entry → 4xx OperationOutcome with expression, nothing created", async () => {
    const t = await createTenant();
    const { cookie } = await sessionCookie(t.referrer);
    const count0 = async () => (await db.select({ n: count() }).from(patients).where(eq(patients.clinicId, t.clinic.id)))[0]!.n;
    const cases0 = async () => (await db.select({ n: count() }).from(cases).where(eq(cases.clinicId, t.clinic.id)))[0]!.n;

    const badDate = referralBundle({ mrn: "B-1", identifier: "BAD-1", photos: [await cameraJpeg()] });
    (badDate.entry![0]!.resource as { birthDate: string }).birthDate = "1961-13-45";
    const r1 = await fhirPost({ cookie }, "", badDate);
    expect(r1.status).toBe(400);
    const o1 = (await r1.json()) as OperationOutcome;
    expect(o1.resourceType).toBe("OperationOutcome");
    expect(o1.issue.some((i) => i.expression?.some((e) => e.includes("entry[0]") && e.includes("birthDate")))).toBe(true);

    const badSite = referralBundle({ mrn: "B-2", identifier: "BAD-2", photos: [await cameraJpeg(), await cameraJpeg()] });
    badSite.entry![4]!.resource = { ...(badSite.entry![4]!.resource as object), bodySite: { coding: [{ system: "http://snomed.info/sct", code: "123" }] } } as never;
    const r2 = await fhirPost({ cookie }, "", badSite);
    expect(r2.status).toBe(422);
    const o2 = (await r2.json()) as OperationOutcome;
    expect(o2.issue[0]!.expression).toEqual(["Bundle.entry[4].resource.bodySite"]);

    const badAnswer = referralBundle({ mrn: "B-3", identifier: "BAD-3", photos: [await cameraJpeg()] });
    const qr = badAnswer.entry![2]!.resource as { item: { linkId: string; answer?: unknown[] }[] };
    qr.item.find((i) => i.linkId === "suspected")!.answer = [{ valueCoding: { system: "urn:dermrelay:fhir:CodeSystem:suspected", code: "wart" } }];
    const r3 = await fhirPost({ cookie }, "", badAnswer);
    expect(r3.status).toBe(422);
    expect(((await r3.json()) as OperationOutcome).issue[0]!.expression![0]).toBe("Bundle.entry[2].resource.item.where(linkId='suspected')");

    const notImage = referralBundle({ mrn: "B-4", identifier: "BAD-4", photos: [await cameraJpeg(), Buffer.from("%PDF-1.4 not a photo")] });
    const r4 = await fhirPost({ cookie }, "", notImage);
    expect(r4.status).toBe(415);
    expect(((await r4.json()) as OperationOutcome).issue[0]!.expression).toEqual(["Bundle.entry[4].resource.content.data"]);

    expect(await count0()).toBe(0);
    expect(await cases0()).toBe(0);
  });

  it("specialists cannot send referrals (403 OperationOutcome); no credentials → 401", async () => {
    const t = await createTenant();
    const { cookie } = await sessionCookie(t.specialist);
    const r = await fhirPost({ cookie }, "", referralBundle({ mrn: "S-1", identifier: "S-1", photos: [] }));
    expect(r.status).toBe(403);
    expect(((await r.json()) as OperationOutcome).issue[0]!.code).toBe("forbidden");
    const anon = await fhirPost({}, "", referralBundle({ mrn: "S-1", identifier: "S-1", photos: [] }));
    expect(anon.status).toBe(401);
  });
});
