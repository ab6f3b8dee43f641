/**
 * The browser's quality pre-check (SPEC §16): a blurred photo chosen in the wizard is measured on
 * the device before it is uploaded, and the referrer reads the retake advice at once; the
 * worker's stored flags then agree. A sharp photo passes the pre-check.
 */
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { writeFile } from "node:fs/promises";
import { E2E_URL } from "./env";
import { makeTestJpeg } from "./fixtures/make-jpeg";
import { signInAs } from "./support";

test("a blurred photo shows the on-device pre-check advice before the worker's verdict; a sharp one passes", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const sharpFile = await makeTestJpeg(testInfo.outputPath("sharp.jpg"));
  const blurredFile = testInfo.outputPath("blurred.jpg");
  await writeFile(blurredFile, await sharp(sharpFile).blur(6).jpeg({ quality: 90 }).toBuffer());

  await signInAs(page, "referrer@northside.test", "/clinic");
  const headers = { origin: E2E_URL };
  const patient = await page.request.post("/api/v1/patients", {
    headers,
    data: { mrn: `E2E-PRE-${Date.now().toString(36)}`, givenName: "Pre", familyName: "Check", birthDate: "1980-02-02", sex: "male" },
  });
  const draft = await page.request.post("/api/v1/cases", { headers, data: { patientId: (await patient.json()).id } });
  const caseId = (await draft.json()).id as string;

  await page.goto(`/clinic/cases/${caseId}/edit?step=photos`);
  await page.getByLabel("Body site of the next photos").selectOption("14975008");
  await page.getByLabel("Take or choose photos").setInputFiles(blurredFile);
  const card = page.getByRole("listitem", { name: "Photo 1" });
  await expect(card.getByText("Checked on this device: consider retaking this photo now.")).toBeVisible({ timeout: 20_000 });
  await expect(card.getByText(/Blurry: hold the phone steady and tap the lesion to focus/)).toBeVisible();
  await page.screenshot({ path: "/tmp/wizard-precheck.png", fullPage: true });
  // The worker's stored flags agree with the pre-check.
  await expect(card.getByText("Check quality")).toBeVisible({ timeout: 45_000 });
  await expect(card.getByText(/Blurry: hold the phone steady/)).toBeVisible();

  await page.getByLabel("Take or choose photos").setInputFiles(sharpFile);
  const second = page.getByRole("listitem", { name: "Photo 2" });
  await expect(second.getByText("Good quality")).toBeVisible({ timeout: 45_000 });
});
