/**
 * The referring clinician's loop in a real browser against the production build and its worker:
 * register a patient, complete the referral wizard with a real JPEG (uploaded over tus; progress, quality
 * verdict), submit, and watch the case reach the queue; an incomplete draft lists what is missing.
 */
import { expect, test, type Page } from "@playwright/test";
import { makeTestJpeg } from "./fixtures/make-jpeg";
import { signInAs } from "./support";

const REFERRER = "referrer@northside.test";

function uniqueMrn(tag: string) {
  return `E2E-${tag}-${Date.now().toString(36)}`;
}

async function fillPatient(page: Page, mrn: string, given: string, family: string) {
  const form = page.getByRole("form", { name: "New patient" });
  await form.getByLabel("MRN (medical record number)").fill(mrn);
  await form.getByLabel("Date of birth").fill("1961-04-23");
  await form.getByLabel("Given name").fill(given);
  await form.getByLabel("Family name").fill(family);
  await form.getByLabel("Sex").selectOption("female");
  return form;
}

test("a referrer registers a patient, completes the wizard with a real JPEG, submits and sees the case in the queue", async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  const jpeg = await makeTestJpeg(testInfo.outputPath("lesion.jpg"));
  const mrn = uniqueMrn("W");
  await signInAs(page, REFERRER, "/clinic");

  // Patient
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Patients" }).click();
  const form = await fillPatient(page, mrn, "Ada", "Wizardtest");
  await form.getByRole("button", { name: "Add patient" }).click();
  await expect(page.getByRole("status").filter({ hasText: `MRN ${mrn}` })).toContainText("was added");
  await page.getByRole("link", { name: "Start a referral for this patient" }).click();
  await expect(page).toHaveURL(/\/clinic\/cases\/new\?patientId=[0-9a-f-]{36}$/);
  await page.getByRole("button", { name: "Start referral for this patient" }).click();
  await expect(page).toHaveURL(/\/clinic\/cases\/[0-9a-f-]{36}\/edit\?step=history$/);
  const caseId = /cases\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
  expect(page.url()).not.toContain(mrn);

  // History: every required field, by its label
  await page.getByLabel("Referral question").fill("Pigmented lesion on the forearm that has grown; please advise on excision.");
  await page.getByRole("group", { name: "Suspected diagnosis" }).getByLabel("Melanoma").check();
  await page.getByRole("group", { name: "Requested urgency" }).getByLabel("Soon").check();
  await page.getByLabel("Onset").fill("3 months");
  await page.getByLabel("Size in mm (optional)").fill("7");
  await page.getByRole("group", { name: "Evolution" }).getByLabel("Changed").check();
  await page.getByLabel("Filter body sites").fill("forearm");
  await page.getByRole("checkbox", { name: "Forearm", exact: true }).check();
  await expect(page.getByRole("list", { name: "Chosen body sites" })).toContainText("Forearm");
  await page.getByRole("group", { name: "Symptoms" }).getByLabel("Itch").check();
  await page.getByLabel("Prior treatments").fill("none");
  await page.getByLabel("Medications").fill("none");
  await page.getByLabel("Allergies").fill("none");
  await page.getByLabel(/Consent was given/).check();
  await expect(page.getByLabel("Consent given by")).toHaveValue("patient");
  await expect(page.getByLabel("Consent date and time")).not.toHaveValue("");

  // Photos: a real JPEG through the resumable (tus) upload routes and the worker's pipeline
  await page.getByRole("button", { name: "Next: Photos" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Photos" })).toBeVisible();
  await expect(page.getByLabel("Body site of the next photos")).toHaveValue("14975008");
  // The first piece is cut off as by a lost signal: tus-js-client asks HEAD where to go on and resumes.
  let cut = 0;
  await page.route(/\/api\/v1\/uploads\/[0-9a-f-]{36}$/, (route) => (route.request().method() === "PATCH" && cut++ === 0 ? route.abort("connectionreset") : route.continue()));
  const resumed = page.waitForRequest((r) => r.method() === "HEAD" && /^\/api\/v1\/uploads\//.test(new URL(r.url()).pathname));
  const created = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/v1/uploads");
  const finished = page.waitForResponse((r) => r.request().method() === "PATCH" && /^\/api\/v1\/uploads\/[0-9a-f-]{36}$/.test(new URL(r.url()).pathname) && r.status() === 200);
  await page.getByLabel("Take or choose photos").setInputFiles(jpeg);
  const progress = page.getByRole("progressbar", { name: "Upload of photo 1" });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute("aria-valuenow", /^\d+$/);
  const creation = await created;
  expect(creation.status()).toBe(201);
  expect(creation.request().headers()["tus-resumable"]).toBe("1.0.0");
  expect(creation.headers()["location"]).toMatch(/^\/api\/v1\/uploads\/[0-9a-f-]{36}$/);
  await resumed;
  const last = await finished;
  expect(cut).toBe(2);
  await page.unroute(/\/api\/v1\/uploads\/[0-9a-f-]{36}$/);
  expect(last.headers()["photo-id"]).toMatch(/^[0-9a-f-]{36}$/);
  expect((await last.json()).status).toBe("processing");
  await expect(page.getByText("Good quality")).toBeVisible({ timeout: 45_000 });
  await expect(progress).toBeHidden();
  await expect(page.getByRole("img", { name: /Photo 1: Overview, Forearm/ })).toBeVisible();
  await expect(page.getByText("1600 × 1200 px")).toBeVisible();
  await page.screenshot({ path: "/tmp/clinic-wizard-photos.png", fullPage: true });

  // Review and submit
  await page.getByRole("button", { name: "Next: Review & submit" }).click();
  await expect(page.getByText("1 photo ready.")).toBeVisible();
  await page.getByRole("button", { name: "Submit referral" }).click();
  await expect(page).toHaveURL(new RegExp(`/clinic/cases/${caseId}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Wizardtest, Ada" })).toBeVisible();

  // The worker triages within seconds; the page shows "In queue" once it has.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("case-status")).toHaveText("In queue", { timeout: 1_000 });
  }).toPass({ timeout: 60_000, intervals: [1_000, 2_000, 3_000] });
  const timeline = page.getByRole("list", { name: "Status timeline" });
  await expect(timeline).toContainText("Draft → to Submitted");
  await expect(timeline).toContainText("Submitted → to In queue");
  await expect(page.getByRole("button", { name: "Withdraw referral" })).toBeVisible();
  await page.screenshot({ path: "/tmp/clinic-case-page.png", fullPage: true });

  // And it is listed under the "In queue" filter.
  await page.goto("/clinic");
  await page.getByRole("link", { name: /^In queue/ }).click();
  await expect(page).toHaveURL(/\/clinic\?status=triaged$/);
  await expect(page.getByRole("list", { name: "Cases" }).getByRole("listitem").filter({ hasText: mrn })).toContainText("In queue");
});

test("submitting an incomplete draft lists what is missing, each linking back to its field", async ({ page }) => {
  const mrn = uniqueMrn("I");
  await signInAs(page, REFERRER, "/clinic");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "New referral" }).click();
  await page.getByRole("button", { name: "Add a new patient" }).click();
  const form = await fillPatient(page, mrn, "Ben", "Incomplete");
  await form.getByRole("button", { name: "Add patient and continue" }).click();
  await expect(page).toHaveURL(/\/clinic\/cases\/[0-9a-f-]{36}\/edit\?step=history$/);

  await page.getByLabel("Referral question").fill("Rash on the back for two weeks.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Draft saved" })).toBeVisible();
  // The draft persists: a reload resumes it.
  await page.reload();
  await expect(page.getByLabel("Referral question")).toHaveValue("Rash on the back for two weeks.");

  await page.getByRole("navigation", { name: "Referral steps" }).getByRole("button", { name: /Review & submit/ }).click();
  await page.getByRole("button", { name: "Submit referral" }).click();
  const missing = page.getByRole("list", { name: "Missing for submission" });
  await expect(missing).toBeVisible();
  for (const label of ["Suspected diagnosis", "Requested urgency", "Onset", "Evolution", "Body sites", "Prior treatments", "Medications", "Allergies", "Consent given", "Photos"]) {
    await expect(missing.getByRole("link", { name: label, exact: true })).toBeVisible();
  }
  await expect(missing.getByRole("link", { name: "Referral question" })).toHaveCount(0);

  await missing.getByRole("link", { name: "Onset", exact: true }).click();
  await expect(page.getByRole("heading", { level: 2, name: "History" })).toBeVisible();
  await expect(page.getByLabel("Onset")).toBeFocused();
  await expect(page).toHaveURL(/step=history$/);
});

test("a duplicate MRN is reported beside the MRN field", async ({ page }) => {
  const mrn = uniqueMrn("D");
  await signInAs(page, REFERRER, "/clinic");
  await page.goto("/clinic/patients");
  const form = await fillPatient(page, mrn, "Cleo", "Duplicate");
  await form.getByRole("button", { name: "Add patient" }).click();
  await expect(page.getByRole("status").filter({ hasText: `MRN ${mrn}` })).toContainText("was added");
  await fillPatient(page, mrn, "Cleo", "Duplicate");
  await form.getByRole("button", { name: "Add patient" }).click();
  const mrnField = form.getByLabel("MRN (medical record number)");
  await expect(mrnField).toHaveAttribute("aria-invalid", "true");
  await expect(mrnField).toHaveAccessibleDescription(/already exists/);
});
