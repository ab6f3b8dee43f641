/**
 * SMART App Launch against the test EHR (SPEC §13): the first launch asks for one DermRelay
 * sign-in and links the EHR user, the next signs the linked user straight in; the wizard opens on
 * the EHR's patient, matched or created by MRN, prefilled from the ServiceRequest. Every refusal
 * leaves no session and nothing stored, and is audited.
 */
import { and, count, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { auditEvents, cases, clinics, patients, smartCaseLinks, smartLaunches, smartUserLinks } from "@/lib/db/schema";
import { SESSION_COOKIE_NAME } from "@/lib/auth/current";
import { BINDING_COOKIE } from "@/lib/smart/launch";
import * as launchRoute from "@/app/smart/launch/route";
import { createPatient, createTenant, sessionCookie } from "../support/factories";
import { authorize, callback, continueLaunch, cookieHeader, cookiesOf, ehrWithConnection, startLaunch } from "../support/smart-flow";
import type { TestEhr } from "../support/test-ehr";

const ehrs: TestEhr[] = [];
afterEach(async () => {
  await Promise.all(ehrs.splice(0).map((e) => e.stop()));
});

async function setup(opts: { secret?: boolean } = {}) {
  const t = await createTenant();
  const { ehr, connection } = await ehrWithConnection(t.admin, t.clinic.id, opts);
  ehrs.push(ehr);
  const ehrPatient = ehr.addPatient({ mrn: `EHR-${connection.id.slice(0, 6)}`, given: "Ada", family: "Lovelace", birthDate: "1961-04-12", gender: "female" });
  const order = ehr.addServiceRequest(ehrPatient, "Changing mole on the left shoulder");
  return { ...t, ehr, connection, ehrPatient, order };
}

async function launchesOf(connectionId: string) {
  const [r] = await db.select({ n: count() }).from(smartLaunches).where(eq(smartLaunches.connectionId, connectionId));
  return r!.n;
}

async function expectRefused(res: Response, connectionId: string, reason: string) {
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(await res.text()).toContain(reason);
  expect(res.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE_NAME}=`) && !c.startsWith(`${SESSION_COOKIE_NAME}=;`))).toBe(false);
  expect(await launchesOf(connectionId)).toBe(0);
  const denied = await db.select({ details: auditEvents.details }).from(auditEvents).where(and(eq(auditEvents.action, "smart.launch"), eq(auditEvents.outcome, "denied")));
  expect(denied.some((d) => (d.details as { reason?: string }).reason === reason)).toBe(true);
}

/** A first launch for `ehrPatient`: the EHR's authorize form, DermRelay's callback, the referrer's sign-in, the continue route. */
async function launchAndSignIn(s: Awaited<ReturnType<typeof setup>>, ehrPatient: string): Promise<Response> {
  const l = await startLaunch(s.ehr, ehrPatient);
  const cb = await callback(await authorize(l.authorize!), l.cookies);
  expect(cb.headers.get("location")).toBe("http://localhost:3000/sign-in?smart=1");
  const { cookie } = await sessionCookie(s.referrer);
  return continueLaunch({ ...cookiesOf(cb), [SESSION_COOKIE_NAME]: cookie.split("=").slice(1).join("=") });
}

async function patientOfLaunch(done: Response) {
  expect(done.status).toBe(303);
  const caseId = /cases\/([0-9a-f-]{36})\//.exec(done.headers.get("location")!)![1]!;
  const [row] = await db.select({ id: patients.id, mrn: patients.mrn }).from(cases).innerJoin(patients, eq(patients.id, cases.patientId)).where(eq(cases.id, caseId));
  return row!;
}

const MR = { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v2-0203", code: "MR" }] };
const person = { given: "Ada", family: "Lovelace", birthDate: "1961-04-12", gender: "female" };
const patientsOf = (clinicId: string) => db.select({ id: patients.id, mrn: patients.mrn }).from(patients).where(eq(patients.clinicId, clinicId));

describe("SMART EHR launch: the clinic's MRN system decides which identifier is the MRN", () => {
  it("with a system set, takes the identifier in that system over an MR-typed one in another, and matches the patient holding it", async () => {
    const s = await setup();
    const system = "urn:oid:2.16.840.1.113883.3.9999.1";
    await db.update(clinics).set({ mrnSystem: system }).where(eq(clinics.id, s.clinic.id));
    const tag = s.connection.id.slice(0, 6);
    const existing = await createPatient(s.clinic.id, { mrn: `CLIN-${tag}` });
    const ehrPatient = s.ehr.addPatient({
      mrn: "",
      ...person,
      identifier: [
        { type: MR, system: s.ehr.mrnSystem, value: `EHR-${tag}` },
        { system, value: `CLIN-${tag}` },
      ],
    });
    const matched = await patientOfLaunch(await launchAndSignIn(s, ehrPatient));
    expect(matched).toEqual({ id: existing.id, mrn: `CLIN-${tag}` });
    expect(await patientsOf(s.clinic.id)).toEqual([{ id: existing.id, mrn: `CLIN-${tag}` }]);

    // Not known yet: created with the clinic-system MRN, not the EHR's own number.
    const other = s.ehr.addPatient({ mrn: "", ...person, identifier: [{ type: MR, system: s.ehr.mrnSystem, value: `EHR2-${tag}` }, { system, value: `NEW-${tag}` }] });
    const l = await startLaunch(s.ehr, other);
    const cb = await callback(await authorize(l.authorize!), l.cookies); // linked now: straight in
    expect((await patientOfLaunch(cb)).mrn).toBe(`NEW-${tag}`);
    expect((await patientsOf(s.clinic.id)).map((p) => p.mrn).sort()).toEqual([`CLIN-${tag}`, `NEW-${tag}`]);
  });

  it("with a system set, refuses a patient whose MRN is in another system: a clear page, audited, nothing created or matched", async () => {
    const s = await setup();
    await db.update(clinics).set({ mrnSystem: "urn:oid:1.2.36.146.595.217.0.1" }).where(eq(clinics.id, s.clinic.id));
    const tag = s.connection.id.slice(0, 6);
    // A patient of the clinic holding the same number: another assigner's MRN must not match them.
    const bystander = await createPatient(s.clinic.id, { mrn: `EHR-${tag}` });
    const res = await launchAndSignIn(s, s.ehrPatient); // MR-typed, in the EHR's own system
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain("mrn_system_mismatch");
    expect(page).toContain("different identifier system from the one this clinic is set up with");
    expect(page).not.toContain(`EHR-${tag}`); // no PHI, nothing the EHR sent
    expect(page).not.toContain(s.ehr.mrnSystem);
    expect(res.headers.get("location")).toBeNull();

    expect(await patientsOf(s.clinic.id)).toEqual([{ id: bystander.id, mrn: `EHR-${tag}` }]);
    expect(await db.select({ id: cases.id }).from(cases).where(eq(cases.clinicId, s.clinic.id))).toEqual([]);
    expect(await db.select().from(smartUserLinks).where(eq(smartUserLinks.connectionId, s.connection.id))).toEqual([]);
    const [launch] = await db.select().from(smartLaunches).where(eq(smartLaunches.connectionId, s.connection.id));
    expect(launch).toMatchObject({ completedAt: null, caseId: null, userId: null });
    const denied = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "smart.launch"), eq(auditEvents.resourceId, s.connection.id)));
    expect(denied).toMatchObject([{ outcome: "denied", resourceType: "ehr_connection", patientId: null, details: { reason: "mrn_system_mismatch" } }]);
    const touched = await db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.patientId, bystander.id));
    expect(touched).toEqual([]);
  });

  it("without a system set, takes the MR-typed identifier whatever its system and matches by value, as before", async () => {
    const s = await setup();
    const tag = s.connection.id.slice(0, 6);
    const existing = await createPatient(s.clinic.id, { mrn: `EHR-${tag}` });
    const ehrPatient = s.ehr.addPatient({
      mrn: "",
      ...person,
      identifier: [
        { system: "http://hl7.org/fhir/sid/us-ssn", value: `SSN-${tag}` },
        { type: MR, system: s.ehr.mrnSystem, value: `EHR-${tag}` },
      ],
    });
    expect(await patientOfLaunch(await launchAndSignIn(s, ehrPatient))).toEqual({ id: existing.id, mrn: `EHR-${tag}` });
    expect(await patientsOf(s.clinic.id)).toHaveLength(1);
  });
});

describe("SMART EHR launch", () => {
  it("links on the first launch after one sign-in, then signs the linked user straight in", async () => {
    const s = await setup();
    const first = await startLaunch(s.ehr, s.ehrPatient, s.order);
    expect(first.res.status).toBe(303);
    const authz = new URL(first.authorize!);
    expect(authz.searchParams.get("aud")).toBe(s.ehr.iss);
    expect(authz.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authz.searchParams.get("redirect_uri")).toBe("http://localhost:3000/smart/callback");
    expect(authz.searchParams.get("scope")).toContain("launch openid fhirUser");

    const cb = await callback(await authorize(first.authorize!), first.cookies);
    expect(cb.status).toBe(303);
    expect(cb.headers.get("location")).toBe("http://localhost:3000/sign-in?smart=1");
    const pending = cookiesOf(cb);
    expect(Object.keys(pending)).toContain("dermrelay_smart_launch");
    expect(cb.headers.getSetCookie().join(" ")).not.toMatch(/access_token|refresh/);

    // The referrer signs in once; the continue route links and opens the wizard.
    const { cookie } = await sessionCookie(s.referrer);
    const done = await continueLaunch({ ...pending, [SESSION_COOKIE_NAME]: cookie.split("=").slice(1).join("=") });
    expect(done.status).toBe(303);
    const m = /\/clinic\/cases\/([0-9a-f-]{36})\/edit\?step=patient$/.exec(done.headers.get("location")!);
    expect(m).not.toBeNull();
    const [kase] = await db.select().from(cases).where(eq(cases.id, m![1]!));
    expect(kase!.status).toBe("draft");
    expect(kase!.clinicId).toBe(s.clinic.id);
    expect(kase!.history).toMatchObject({ referralQuestion: "Changing mole on the left shoulder" });
    const [patient] = await db.select().from(patients).where(eq(patients.id, kase!.patientId));
    expect(patient).toMatchObject({ mrn: `EHR-${s.connection.id.slice(0, 6)}`, givenName: "Ada", familyName: "Lovelace", birthDate: "1961-04-12", sex: "female" });
    const [link] = await db.select().from(smartUserLinks).where(eq(smartUserLinks.connectionId, s.connection.id));
    expect(link).toMatchObject({ fhirUser: s.ehr.fhirUser, userId: s.referrer.id });
    const [caseLink] = await db.select().from(smartCaseLinks).where(eq(smartCaseLinks.caseId, kase!.id));
    expect(caseLink).toMatchObject({ ehrPatientId: s.ehrPatient, ehrServiceRequestId: s.order });
    const [stored] = await db.select().from(smartLaunches).where(eq(smartLaunches.id, caseLink!.launchId));
    expect(stored!.tokens.toString("latin1")).not.toMatch(/Bearer|access_token/);

    // Second launch, another order for the same patient: linked, no MFA → signed in directly; same patient row.
    const order2 = s.ehr.addServiceRequest(s.ehrPatient, "Second lesion on the back");
    const second = await startLaunch(s.ehr, s.ehrPatient, order2);
    const cb2 = await callback(await authorize(second.authorize!), second.cookies);
    expect(cb2.status).toBe(303);
    expect(cb2.headers.get("location")).toMatch(/\/clinic\/cases\/[0-9a-f-]{36}\/edit\?step=patient$/);
    expect(cookiesOf(cb2)[SESSION_COOKIE_NAME]).toBeTruthy();
    const [n] = await db.select({ n: count() }).from(patients).where(eq(patients.clinicId, s.clinic.id));
    expect(n!.n).toBe(1);
  });

  it("prefills urgency, body sites, suspected diagnosis and the reason from the launch's ServiceRequest", async () => {
    const s = await setup();
    const order = s.ehr.addServiceRequest(s.ehrPatient, "Changing mole on the left shoulder", {
      priority: "asap",
      bodySite: [
        { coding: [{ system: "http://snomed.info/sct", code: "43067004", display: "Skin of scalp" }] },
        { coding: [{ system: "http://snomed.info/sct", code: "999999999" }], text: "a site DermRelay does not know" },
        { coding: [{ system: "http://snomed.info/sct", code: "73897004" }] },
      ],
      reasonCode: [{ coding: [{ system: "urn:dermrelay:fhir:CodeSystem:suspected", code: "melanoma" }], text: "Suspected melanoma" }],
    });
    const l = await startLaunch(s.ehr, s.ehrPatient, order);
    const cb = await callback(await authorize(l.authorize!), l.cookies);
    const { cookie } = await sessionCookie(s.referrer);
    const done = await continueLaunch({ ...cookiesOf(cb), [SESSION_COOKIE_NAME]: cookie.split("=").slice(1).join("=") });
    const caseId = /cases\/([0-9a-f-]{36})\//.exec(done.headers.get("location")!)![1]!;
    const [kase] = await db.select({ history: cases.history }).from(cases).where(eq(cases.id, caseId));
    expect(kase!.history).toEqual({
      referralQuestion: "Changing mole on the left shoulder\nReason for referral: Suspected melanoma",
      requestedUrgency: "urgent", // FHIR asap → DermRelay urgent (SPEC §12)
      bodySites: ["43067004", "73897004"], // the unknown code is left for the referrer
      suspected: "melanoma",
    });

    // An order with only a coded reason and priority urgent: the reason's text is the question.
    const bare = s.ehr.addServiceRequest(s.ehrPatient, "", { note: undefined, priority: "urgent", reasonCode: [{ text: "Rash on both forearms" }] });
    const l2 = await startLaunch(s.ehr, s.ehrPatient, bare);
    const cb2 = await callback(await authorize(l2.authorize!), l2.cookies);
    const id2 = /cases\/([0-9a-f-]{36})\//.exec(cb2.headers.get("location")!)![1]!;
    const [kase2] = await db.select({ history: cases.history }).from(cases).where(eq(cases.id, id2));
    expect(kase2!.history).toEqual({ referralQuestion: "Rash on both forearms", requestedUrgency: "soon" });
  });

  it("a linked user who uses a one-time code is sent to the sign-in form, not signed in by the launch", async () => {
    const s = await setup();
    await db.insert(smartUserLinks).values({ connectionId: s.connection.id, fhirUser: s.ehr.fhirUser, userId: s.referrer.id });
    const { users } = await import("@/lib/db/schema");
    await db.update(users).set({ mfaEnabledAt: new Date() }).where(eq(users.id, s.referrer.id));
    const l = await startLaunch(s.ehr, s.ehrPatient);
    const cb = await callback(await authorize(l.authorize!), l.cookies);
    expect(cb.headers.get("location")).toBe("http://localhost:3000/sign-in?smart=1");
    expect(cookiesOf(cb)[SESSION_COOKIE_NAME]).toBeUndefined();
  });

  it("refuses an unregistered iss", async () => {
    const s = await setup();
    const res = await launchRoute.GET(new Request(`http://localhost:3000/smart/launch?iss=${encodeURIComponent("https://unknown.example/fhir")}&launch=x`));
    expect(res.headers.get("location")).toBeNull();
    await expectRefused(res, s.connection.id, "unknown_iss");
  });

  it("refuses a wrong state, a state without its cookie, and a replayed state", async () => {
    const s = await setup();
    const l = await startLaunch(s.ehr, s.ehrPatient);
    const cbUrl = await authorize(l.authorize!);
    const forged = new URL(cbUrl);
    forged.searchParams.set("state", "not-the-state");
    await expectRefused(await callback(forged.toString(), l.cookies), s.connection.id, "bad_state");
    await expectRefused(await callback(cbUrl, { [BINDING_COOKIE]: "another-browser" }), s.connection.id, "bad_state");

    const l2 = await startLaunch(s.ehr, s.ehrPatient);
    const cb2 = await authorize(l2.authorize!);
    s.ehr.faults.noPatient = true; // make the first use fail after the state is consumed, so nothing is stored
    await callback(cb2, l2.cookies);
    s.ehr.faults.noPatient = false;
    await expectRefused(await callback(cb2, l2.cookies), s.connection.id, "bad_state");
  });

  it.each([
    ["no patient in the token response", "noPatient", "no_patient"],
    ["an id_token signed by another key", "badSignature", "bad_id_token"],
    ["an id_token for another audience", "wrongAudience", "bad_id_token"],
    ["an expired id_token", "expiredIdToken", "bad_id_token"],
  ] as const)("refuses %s", async (_label, fault, reason) => {
    const s = await setup();
    const l = await startLaunch(s.ehr, s.ehrPatient);
    s.ehr.faults[fault] = true;
    await expectRefused(await callback(await authorize(l.authorize!), l.cookies), s.connection.id, reason);
  });

  it("refuses a code whose PKCE verifier does not match (a code from another authorization)", async () => {
    const s = await setup();
    const a = await startLaunch(s.ehr, s.ehrPatient);
    const b = await startLaunch(s.ehr, s.ehrPatient);
    const codeOfA = new URL(await authorize(a.authorize!)).searchParams.get("code")!;
    const cbB = new URL(await authorize(b.authorize!));
    cbB.searchParams.set("code", codeOfA);
    await expectRefused(await callback(cbB.toString(), b.cookies), s.connection.id, "token_refused");
  });

  it("works as a public client (no secret) too, and a standalone launch asks for launch/patient", async () => {
    const s = await setup({ secret: false });
    const res = await launchRoute.GET(new Request(`http://localhost:3000/smart/launch?iss=${encodeURIComponent(s.ehr.iss)}`));
    expect(res.status).toBe(303);
    const scope = new URL(res.headers.get("location")!).searchParams.get("scope")!;
    expect(scope.split(" ")).toContain("launch/patient");
    expect(scope.split(" ")).not.toContain("launch");
    expect(cookieHeader(cookiesOf(res))).toContain(BINDING_COOKIE);
  });
});
