/**
 * Lesion linking in the referral wizard (SPEC §15), in a real browser against the production
 * build and its worker: the first photo starts a new lesion, the second is "the same lesion as"
 * it, chosen from a labelled select with the keyboard; the new lesion's body-map point is placed
 * with the keyboard (button, then two sliders); the patient's lesion list then holds both photos
 * and the point, and the step has no serious axe violations.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { E2E_URL } from "./env";
import { makeTestJpeg } from "./fixtures/make-jpeg";
import { signInAs } from "./support";

test("each photo is linked to a new lesion or the same lesion as an earlier one", async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  const jpeg = await makeTestJpeg(testInfo.outputPath("lesion.jpg"));
  await signInAs(page, "referrer@northside.test", "/clinic");
  const headers = { origin: E2E_URL };
  const patient = await (
    await page.request.post("/api/v1/patients", {
      headers,
      data: { mrn: `E2E-L-${Date.now().toString(36)}`, givenName: "Lea", familyName: "Lesiontest", birthDate: "1970-02-03", sex: "female" },
    })
  ).json();
  const kase = await (await page.request.post("/api/v1/cases", { headers, data: { patientId: patient.id, history: { bodySites: ["14975008"] } } })).json();
  expect(kase.id).toMatch(/^[0-9a-f-]{36}$/);
  await page.goto(`/clinic/cases/${kase.id}/edit?step=photos`);
  await expect(page.getByRole("heading", { level: 2, name: "Photos" })).toBeVisible();

  await page.getByLabel("View of the next photos").selectOption("closeup");
  await page.getByLabel("Take or choose photos").setInputFiles(jpeg);
  const first = page.getByLabel("Lesion shown in photo 1");
  await expect(first).toBeVisible({ timeout: 45_000 });
  await first.focus();
  await first.selectOption({ label: "New lesion" });
  await page.getByLabel(/Name of the new lesion/).fill("Mole on the left forearm");
  // Its point on the body map, by the keyboard: place it, then the two sliders.
  await page.getByRole("button", { name: "Place a point" }).press("Enter");
  const across = page.getByRole("slider", { name: "Across, from the patient's right to left" });
  await across.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowLeft");
  const down = page.getByRole("slider", { name: "Down, from the head to the feet" });
  await down.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowLeft");
  await expect(across).toHaveValue("47");
  await expect(down).toHaveValue("40");
  await page.screenshot({ path: "test-results/compare/body-map-picker.png", fullPage: true });
  await page.getByLabel(/Name of the new lesion/).press("Enter");
  await expect(page.getByText("Linked to the lesion.")).toBeVisible();

  await page.getByLabel("Take or choose photos").setInputFiles(jpeg);
  const second = page.getByLabel("Lesion shown in photo 2");
  await expect(second).toBeVisible({ timeout: 45_000 });
  await second.focus();
  await second.selectOption({ label: "Same lesion as Mole on the left forearm, Forearm" });
  await expect(page.getByText("Linked to the lesion.")).toHaveCount(2);
  await page.screenshot({ path: "/tmp/lesions-wizard.png", fullPage: true });

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  const { items } = await (await page.request.get(`/api/v1/patients/${patient.id}/lesions`)).json();
  expect(items).toHaveLength(1);
  expect(items[0]).toMatchObject({ label: "Mole on the left forearm", bodySite: "14975008", bodyMapPoint: { x: 0.47, y: 0.4 } });
  expect(items[0].photos.map((p: { caseId: string }) => p.caseId)).toEqual([kase.id, kase.id]);
});
