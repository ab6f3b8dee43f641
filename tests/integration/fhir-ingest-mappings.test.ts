/**
 * Referral in (SPEC §12), the mappings fhir-ingest.test.ts leaves out, asserted through what the
 * FHIR API serves afterwards: a Bundle without a QuestionnaireResponse still carries the referral
 * question (ServiceRequest.note), the requested urgency (priority) and the body sites (bodySite);
 * a second referral for the same MRN reuses the patient; an inline PNG is accepted as a photo; a
 * photo over the size limit is 413 and an active but incomplete referral 422, nothing created.
 */
import { count, eq } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { Bundle, BundleEntry, Media, OperationOutcome, QuestionnaireResponse, ServiceRequest } from "fhir/r4";
import { db } from "@/lib/db/client";
import { cases, patients } from "@/lib/db/schema";
import { MAX_PHOTO_BYTES } from "@/lib/photos/limits";
import { cameraJpeg } from "../fixtures/images";
import { createTenant, sessionCookie } from "../support/factories";
import { fhirGet, fhirPost, FULL_HISTORY, referralBundle, type ReferralOptions } from "../support/fhir";
import { processCasePhotos } from "../support/referrals";

const caseIdOf = (b: Bundle) => b.entry!.find((e) => e.response?.location?.startsWith("ServiceRequest/"))!.response!.location!.split("/")[1]!;
const withoutHistory = (o: ReferralOptions): Bundle => {
  const b = referralBundle(o);
  return { ...b, entry: b.entry!.filter((e: BundleEntry) => e.resource?.resourceType !== "QuestionnaireResponse") };
};
const answer = (qr: QuestionnaireResponse, linkId: string) => qr.item!.find((i) => i.linkId === linkId)?.answer ?? [];
const unique = () => `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;

async function counts(clinicId: string) {
  const [p] = await db.select({ n: count() }).from(patients).where(eq(patients.clinicId, clinicId));
  const [c] = await db.select({ n: count() }).from(cases).where(eq(cases.clinicId, clinicId));
  return { patients: p!.n, cases: c!.n };
}

describe("FHIR referral in: ServiceRequest mappings, patient matching, photo formats and limits", () => {
  it("without a QuestionnaireResponse: note → referral question, priority → urgency, bodySite → body sites; same MRN → same patient", async () => {
    const t = await createTenant();
    const { cookie } = await sessionCookie(t.referrer);
    const mrn = `MAP-${unique()}`;
    const res = await fhirPost({ cookie }, "", withoutHistory({ mrn, identifier: `MAP-1-${unique()}`, photos: [] }));
    expect(res.status).toBe(200);
    const caseId = caseIdOf((await res.json()) as Bundle);

    const qr = (await (await fhirGet({ cookie }, `/QuestionnaireResponse/${caseId}`)).json()) as QuestionnaireResponse;
    expect(answer(qr, "referralQuestion")[0]?.valueString).toBe(FULL_HISTORY.referralQuestion);
    // ServiceRequest.priority asap is DermRelay's "urgent" (SPEC §12: urgent → asap).
    expect(answer(qr, "requestedUrgency")[0]?.valueCoding?.code).toBe("urgent");
    expect(answer(qr, "bodySites").map((a) => a.valueCoding?.code)).toEqual(["14975008"]);
    const sr = (await (await fhirGet({ cookie }, `/ServiceRequest/${caseId}`)).json()) as ServiceRequest;
    expect(sr.status).toBe("draft");
    expect(sr.priority).toBe("asap");
    expect(sr.bodySite?.flatMap((b) => b.coding?.map((c) => c.code))).toEqual(["14975008"]);

    // A second referral (another ServiceRequest identifier) for the same MRN: a new case, the same patient.
    const second = await fhirPost({ cookie }, "", withoutHistory({ mrn, identifier: `MAP-2-${unique()}`, photos: [] }));
    expect(second.status).toBe(200);
    const secondId = caseIdOf((await second.json()) as Bundle);
    expect(secondId).not.toBe(caseId);
    const sr2 = (await (await fhirGet({ cookie }, `/ServiceRequest/${secondId}`)).json()) as ServiceRequest;
    expect(sr2.subject.reference).toBe(sr.subject.reference);
    const found = (await (await fhirGet({ cookie }, `/Patient?identifier=${encodeURIComponent(mrn)}`)).json()) as Bundle;
    expect(found.entry).toHaveLength(1);
    expect(await counts(t.clinic.id)).toEqual({ patients: 1, cases: 2 });
  });

  it("an inline PNG photo goes through the pipeline and is served as Media", async () => {
    const t = await createTenant();
    const { cookie } = await sessionCookie(t.referrer);
    const png = await sharp(await cameraJpeg(1200, 900)).png().toBuffer();
    const bundle = referralBundle({ mrn: `PNG-${unique()}`, identifier: `PNG-${unique()}`, photos: [png] });
    (bundle.entry!.find((e) => e.resource?.resourceType === "Media")!.resource as Media).content.contentType = "image/png";
    const res = await fhirPost({ cookie }, "", bundle);
    expect(res.status).toBe(200);
    const caseId = caseIdOf((await res.json()) as Bundle);
    // Processing may already have happened in the request (another helper is changing when); run what remains.
    const outcomes = await processCasePhotos(caseId);
    expect(outcomes.every((o) => o === "ready")).toBe(true);
    const media = (await (await fhirGet({ cookie }, `/Media?based-on=ServiceRequest/${caseId}`)).json()) as Bundle;
    expect(media.entry).toHaveLength(1);
    const m = media.entry![0]!.resource as Media;
    expect(m.status).toBe("completed");
    expect(m.width).toBeGreaterThan(0);
    expect(m.content.data).toBeUndefined(); // served by URL, never echoed inline
  });

  it("a photo over the size limit → 413 OperationOutcome naming the element, nothing created", async () => {
    const t = await createTenant();
    const { cookie } = await sessionCookie(t.referrer);
    const big = Buffer.alloc(MAX_PHOTO_BYTES + 1);
    (await sharp(await cameraJpeg(400, 300)).png().toBuffer()).copy(big); // a real PNG head, padded past the limit
    const res = await fhirPost({ cookie }, "", referralBundle({ mrn: `BIG-${unique()}`, identifier: `BIG-${unique()}`, photos: [big] }));
    expect(res.status).toBe(413);
    const o = (await res.json()) as OperationOutcome;
    expect(o.resourceType).toBe("OperationOutcome");
    expect(o.issue[0]!.code).toBe("too-costly");
    expect(o.issue[0]!.expression?.[0]).toMatch(/^Bundle\.entry\[\d+\]\.resource\.content\.data$/);
    expect(await counts(t.clinic.id)).toEqual({ patients: 0, cases: 0 });
  });

  it("an active but incomplete referral (no history, no photo) → 422 naming what is missing, nothing created", async () => {
    const t = await createTenant();
    const { cookie } = await sessionCookie(t.referrer);
    const res = await fhirPost({ cookie }, "", withoutHistory({ mrn: `INC-${unique()}`, identifier: `INC-${unique()}`, status: "active", photos: [] }));
    expect(res.status).toBe(422);
    const o = (await res.json()) as OperationOutcome;
    expect(o.resourceType).toBe("OperationOutcome");
    expect(o.issue.length).toBeGreaterThan(1);
    expect(o.issue.every((i) => i.code === "invalid" && (i.expression?.length ?? 0) > 0)).toBe(true);
    expect(o.issue.some((i) => i.expression![0] === "Bundle.entry")).toBe(true); // the missing photo
    expect(await counts(t.clinic.id)).toEqual({ patients: 0, cases: 0 });
  });
});
