/**
 * The clinic's own MRN identifier system (SPEC §12 "system = the clinic's identifier system"):
 * a clinic with `mrnSystem` set takes an EHR referral whose MRN is in that system, emits its
 * Patients with it (type MR; both validators accept them), finds them by `system|value`, by value
 * alone and still by DermRelay's URN; an MRN in another system is refused (422 naming the
 * identifier's system), nothing created. A clinic without one keeps DermRelay's URN.
 */
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Bundle, OperationOutcome, Patient } from "fhir/r4";
import { db } from "@/lib/db/client";
import { clinics, patients } from "@/lib/db/schema";
import { mrnSystem } from "@/lib/fhir/codes";
import { validateFhir, warmValidators } from "@/lib/fhir/validate";
import { createTenant, sessionCookie } from "../support/factories";
import { fhirGet, fhirPost, referralBundle } from "../support/fhir";

const EHR_MRN_SYSTEM = "http://hospital.example.org/mrn"; // the MR identifier's system in referralBundle
const unique = () => `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
const patientsOf = (b: Bundle) => (b.entry ?? []).map((e) => e.resource).filter((r): r is Patient => r?.resourceType === "Patient");

async function tenantWithSystem(system: string | null) {
  const t = await createTenant();
  await db.update(clinics).set({ mrnSystem: system }).where(eq(clinics.id, t.clinic.id));
  return { t, cookie: (await sessionCookie(t.referrer)).cookie };
}

describe("the clinic's MRN identifier system", () => {
  beforeAll(() => warmValidators(), 60_000);

  it("ingest with the EHR's system, then the Patient carries it and is found by system|value, by value and by the URN", async () => {
    const { t, cookie } = await tenantWithSystem(EHR_MRN_SYSTEM);
    const mrn = `MRN-${unique()}`;
    expect((await fhirPost({ cookie }, "", referralBundle({ mrn, identifier: `SYS-${unique()}`, photos: [] }))).status).toBe(200);

    const search = async (identifier: string) => patientsOf((await (await fhirGet({ cookie }, `/Patient?identifier=${encodeURIComponent(identifier)}`)).json()) as Bundle);
    const bySystem = await search(`${EHR_MRN_SYSTEM}|${mrn}`);
    expect(bySystem).toHaveLength(1);
    const patient = bySystem[0]!;
    expect(patient.identifier).toEqual([
      { use: "usual", type: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v2-0203", code: "MR", display: "Medical record number" }] }, system: EHR_MRN_SYSTEM, value: mrn },
    ]);
    expect(validateFhir(patient)).toEqual([]);
    expect((await search(mrn)).map((p) => p.id)).toEqual([patient.id]);
    expect((await search(`${mrnSystem(t.clinic.id)}|${mrn}`)).map((p) => p.id)).toEqual([patient.id]);
    expect(await search(`urn:oid:1.2.3.4|${mrn}`)).toEqual([]);

    const read = (await (await fhirGet({ cookie }, `/Patient/${patient.id}`)).json()) as Patient;
    expect(read.identifier?.[0]?.system).toBe(EHR_MRN_SYSTEM);
  });

  it("an MRN in another system than the clinic's is refused with an OperationOutcome naming it; nothing created", async () => {
    const { t, cookie } = await tenantWithSystem("urn:oid:1.2.3.4");
    const res = await fhirPost({ cookie }, "", referralBundle({ mrn: `MRN-${unique()}`, identifier: `MIS-${unique()}`, photos: [] }));
    expect(res.status).toBe(422);
    const oo = (await res.json()) as OperationOutcome;
    expect(oo.resourceType).toBe("OperationOutcome");
    const issue = oo.issue.find((i) => i.expression?.some((e) => e.endsWith(".identifier[1].system")));
    expect(issue?.diagnostics ?? issue?.details?.text).toMatch(/not this clinic's MRN system \(urn:oid:1\.2\.3\.4\)/);
    const [{ n }] = (await db.select({ n: count() }).from(patients).where(eq(patients.clinicId, t.clinic.id))) as [{ n: number }];
    expect(n).toBe(0);
  });

  it("a clinic without its own system takes any MRN system and emits DermRelay's URN", async () => {
    const { t, cookie } = await tenantWithSystem(null);
    const mrn = `MRN-${unique()}`;
    expect((await fhirPost({ cookie }, "", referralBundle({ mrn, identifier: `URN-${unique()}`, photos: [] }))).status).toBe(200);
    const found = patientsOf((await (await fhirGet({ cookie }, `/Patient?identifier=${encodeURIComponent(`${mrnSystem(t.clinic.id)}|${mrn}`)}`)).json()) as Bundle);
    expect(found.map((p) => p.identifier?.[0]?.system)).toEqual([mrnSystem(t.clinic.id)]);
    expect(validateFhir(found[0]!)).toEqual([]);
  });
});
