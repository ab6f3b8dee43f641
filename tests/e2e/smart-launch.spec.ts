/**
 * SMART on FHIR end to end in Chromium (SPEC §13): a clinician clicks DermRelay in the test EHR's
 * chart → DermRelay's launch → the EHR's authorize page → the callback → the one-time DermRelay
 * sign-in that links the EHR account → the wizard on the EHR's patient (name, birth date, MRN),
 * prefilled from the EHR's ServiceRequest (question, urgency, body site) → the referral is completed and submitted, answered by a
 * specialist → the worker files a DocumentReference in the EHR that validates with 0 errors and
 * carries the PDF letter, and the clinic's case page says "Filed in the EHR".
 */
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { validateFhir } from "@/lib/fhir/validate";
import { startTestEhr, type TestEhr } from "../support/test-ehr";
import { makeTestJpeg } from "./fixtures/make-jpeg";
import { E2E_URL } from "./env";
import { signIn, signInAs } from "./support";
import { poll } from "./referral-api";

let ehr: TestEhr;
test.beforeAll(async () => {
  ehr = await startTestEhr({ appLaunchUrl: `${E2E_URL}/smart/launch`, redirectUris: [`${E2E_URL}/smart/callback`] });
});
test.afterAll(async () => {
  await ehr?.stop();
});

/** As the admin, register the test EHR for Northside through the API. */
async function registerEhr(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, "admin@demo.test", "/admin");
  const clinics = (await (await page.request.get("/api/v1/clinics")).json()) as { items: { id: string; name: string }[] };
  const northside = clinics.items.find((c) => c.name.startsWith("Northside"))!;
  const res = await page.request.post("/api/v1/ehr-connections", { data: { name: "Test EHR", iss: ehr.iss, clientId: ehr.clientId, clientSecret: ehr.clientSecret, clinicId: northside.id } });
  expect(res.status(), await res.text()).toBe(201);
  await context.close();
}

async function ok(res: Awaited<ReturnType<APIRequestContext["get"]>>, status = 200): Promise<{ id: string }> {
  expect(res.status(), await res.text()).toBe(status);
  return (await res.json()) as { id: string };
}

test("launched from the EHR chart: link once, refer the EHR's patient, and the reply is filed back in the EHR", async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  await registerEhr(browser);
  const mrn = `EHR-${Date.now().toString(36)}`;
  const ehrPatient = ehr.addPatient({ mrn, given: "Ada", family: "Launched", birthDate: "1961-04-12", gender: "female" });
  const order = ehr.addServiceRequest(ehrPatient, "Changing mole on the left shoulder; please advise.", {
    priority: "urgent", // FHIR urgent → DermRelay "Soon" (SPEC §12)
    bodySite: [{ coding: [{ system: "http://snomed.info/sct", code: "43067004" }] }], // skin of scalp
  });

  // The chart's launch link → DermRelay → the EHR's authorize page.
  await page.goto(ehr.launchUrl(ehrPatient, order));
  await expect(page.getByRole("heading", { name: "Test EHR: allow DermRelay?" })).toBeVisible();
  expect(new URL(page.url()).searchParams.get("code_challenge_method")).toBe("S256");
  await page.getByRole("button", { name: "Allow" }).click();

  // First launch: DermRelay asks for its own sign-in once.
  await expect(page).toHaveURL(/\/sign-in\?smart=1$/);
  await expect(page.getByText("Sign in to DermRelay once to link your EHR account.", { exact: false })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("smart-sign-in.png"), fullPage: true });
  await signIn(page, "referrer@northside.test");

  // The wizard opens on the EHR's patient.
  await expect(page).toHaveURL(/\/clinic\/cases\/[0-9a-f-]{36}\/edit\?step=patient$/);
  const caseId = /cases\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
  const chosen = page.getByRole("region", { name: "Chosen patient" });
  await expect(chosen).toContainText("Launched, Ada");
  await expect(chosen).toContainText(`MRN ${mrn}`);
  await expect(chosen.locator("time")).toHaveAttribute("datetime", "1961-04-12");
  await page.screenshot({ path: testInfo.outputPath("smart-wizard.png"), fullPage: true });
  expect(page.url()).not.toContain(mrn);
  await page.goto(`/clinic/cases/${caseId}/edit?step=history`);
  await expect(page.getByLabel("Referral question")).toHaveValue("Changing mole on the left shoulder; please advise.");
  await expect(page.getByRole("group", { name: "Requested urgency" }).getByLabel("Soon")).toBeChecked();
  await expect(page.getByRole("list", { name: "Chosen body sites" })).toContainText("Scalp");

  // Complete and submit the referral (the wizard's own API, as the signed-in referrer).
  const api = page.request;
  await ok(
    await api.patch(`/api/v1/cases/${caseId}`, {
      data: {
        history: {
          suspected: "melanoma",
          requestedUrgency: "soon",
          onset: "3 months",
          evolution: "changed",
          bodySites: ["39937001"],
          priorTreatments: "none",
          medications: "none",
          allergies: "none",
          consent: { given: true, by: "patient", at: new Date().toISOString() },
        },
      },
    }),
  );
  const jpeg = await readFile(await makeTestJpeg(testInfo.outputPath("lesion.jpg")));
  const photo = await ok(await api.post(`/api/v1/cases/${caseId}/photos`, { multipart: { file: { name: "lesion.jpg", mimeType: "image/jpeg", buffer: jpeg }, view: "overview", bodySite: "39937001" } }), 201);
  await poll(async () => (await (await api.get(`/api/v1/photos/${photo.id}`)).json()).status, (s) => s === "ready", "the photo to be processed");
  await ok(await api.post(`/api/v1/cases/${caseId}/submit`));
  await poll(async () => (await (await api.get(`/api/v1/cases/${caseId}`)).json()).status, (s) => s === "triaged", "triage");

  // A specialist answers it.
  const specialist = await browser.newContext();
  const sp = await specialist.newPage();
  await signInAs(sp, "specialist@demo.test", "/specialist");
  await ok(await sp.request.post(`/api/v1/cases/${caseId}/claim`));
  await ok(await sp.request.post(`/api/v1/cases/${caseId}/consultation`, { data: { diagnosis: "Dysplastic naevus, low suspicion", diagnosisCode: "D22.5", plan: "Dermoscopy follow-up in 3 months.", disposition: "routine_in_person" } }), 201);
  await specialist.close();

  // The worker files the reply in the EHR.
  const docs = await poll(async () => ehr.documentReferences(), (d) => d.length > 0, "the DocumentReference in the EHR");
  const doc = docs[0]! as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const { id: _id, meta: _meta, ...sent } = doc;
  expect(validateFhir(sent as never)).toEqual([]);
  expect(doc.type.coding[0]).toMatchObject({ system: "http://loinc.org", code: "11488-4" });
  expect(doc.subject.reference).toBe(`Patient/${ehrPatient}`);
  expect(doc.context.related[0].reference).toBe(`ServiceRequest/${order}`);
  const pdf = Buffer.from(doc.content[0].attachment.data, "base64");
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  expect(pdf.length).toBeGreaterThan(1000);

  // The clinic's case page says so.
  await page.goto(`/clinic/cases/${caseId}`);
  await expect(page.getByRole("status").filter({ hasText: "Filed in the EHR" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("smart-filed.png"), fullPage: true });
});
