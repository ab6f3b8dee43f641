import { expect, test } from "@playwright/test";
import { signInAs } from "./support";

/**
 * Under `next start`: the clinic downloads the PDF reply letter from the case page, and the FHIR
 * routes (metadata, SMART configuration, a read, a search, Patient/$everything) answer through
 * the real router with the browser session.
 */
test("clinic downloads the reply letter; /fhir/R4 answers with the session", async ({ page }) => {
  await signInAs(page, "referrer@northside.test", "/clinic");
  const list = await (await page.request.get("/api/v1/cases?status=closed")).json();
  const closed = list.items[0] as { id: string; patient: { id: string } };
  expect(closed).toBeTruthy();

  await page.goto(`/clinic/cases/${closed.id}`);
  const link = page.getByRole("link", { name: "Download letter (PDF)" });
  await expect(link).toBeVisible();
  await page.screenshot({ path: "test-results/fhir/case-page-letter.png", fullPage: true });
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const path = await download.path();
  const { readFileSync } = await import("node:fs");
  expect(readFileSync(path!).subarray(0, 5).toString()).toBe("%PDF-");

  const meta = await page.request.get("/fhir/R4/metadata");
  expect(meta.status()).toBe(200);
  expect(meta.headers()["content-type"]).toContain("application/fhir+json");
  expect((await page.request.get("/fhir/R4/.well-known/smart-configuration")).status()).toBe(200);
  const task = await page.request.get(`/fhir/R4/Task/${closed.id}`);
  expect(task.status()).toBe(200);
  expect(task.headers()["etag"]).toMatch(/^W\/"\d+"$/);
  expect((await (await page.request.get(`/fhir/R4/Task?status=completed`)).json()).resourceType).toBe("Bundle");
  const everything = await page.request.get(`/fhir/R4/Patient/${closed.patient.id}/$everything`);
  expect(everything.status()).toBe(200);
  expect((await everything.json()).entry.length).toBeGreaterThan(3);
  const missing = await page.request.get(`/fhir/R4/Task/00000000-0000-4000-8000-000000000000`);
  expect(missing.status()).toBe(404);
  expect((await missing.json()).resourceType).toBe("OperationOutcome");
});
