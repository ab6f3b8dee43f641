import { expect, test } from "@playwright/test";
import type { Bundle, Task } from "fhir/r4";
import { cameraJpeg, hugePngHeader } from "../fixtures/images";
import { referralBundle } from "../support/fhir-bundle";
import { poll } from "./referral-api";
import { signInAs } from "./support";

/**
 * Under `next start` with the real worker: an EHR's `active` referral is answered with its photos
 * received (the Task `requested`); one photo is over the pixel limit, so the worker holds the
 * submission — the Task goes `on-hold` with the reason, and the clinic's case page says why.
 */
test("an active FHIR referral with a photo the worker rejects is held, and the clinic sees why", async ({ page }) => {
  await signInAs(page, "referrer@northside.test", "/clinic");
  const tag = Date.now().toString(36);
  const bundle = referralBundle({ mrn: `E2E-HOLD-${tag}`, identifier: `E2E-HOLD-${tag}`, status: "active", photos: [await cameraJpeg(1600, 1200), hugePngHeader()] });
  const res = await page.request.post("/fhir/R4", { data: JSON.stringify(bundle), headers: { "content-type": "application/fhir+json" } });
  expect(res.status(), await res.text()).toBe(200);
  const answer = (await res.json()) as Bundle;
  const caseId = answer.entry!.find((e) => e.response?.location?.startsWith("ServiceRequest/"))!.response!.location!.split("/")[1]!;

  const task = await poll(
    async () => (await (await page.request.get(`/fhir/R4/Task/${caseId}`)).json()) as Task,
    (t) => t.status === "on-hold",
    "the worker to hold the submission",
  );
  expect(task.statusReason?.text).toMatch(/could not be processed.*megapixels/);
  expect(((await (await page.request.get(`/fhir/R4/ServiceRequest/${caseId}`)).json()) as { status: string }).status).toBe("active");

  await page.goto(`/clinic/cases/${caseId}`);
  const alert = page.getByRole("alert").filter({ hasText: "not submitted" });
  await expect(alert).toContainText("Sent from your record system");
  await expect(alert).toContainText("megapixels");
  await page.screenshot({ path: "test-results/fhir/case-page-held.png", fullPage: true });
});
