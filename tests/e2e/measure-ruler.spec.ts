/**
 * SPEC §15 in the browser: a close-up with a calibration sticker goes through the real worker;
 * the specialist sees the scale and the suggested outline, measures with the ruler using only the
 * keyboard (m, Enter, Shift+arrows, Enter), saves it and sees the server's figure. Screenshot in
 * test-results/measure/.
 */
import { expect, test } from "@playwright/test";
import { randomSpec, renderScene } from "../fixtures/measure-scene";
import { referralApi } from "./referral-api";
import { signInAs } from "./support";

const SHOTS = "test-results/measure";

test("a specialist measures a lesion with the ruler using the keyboard", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const scene = await renderScene(randomSpec(921, { lesionDiameterMm: 9, irregularity: 0.5, pxPerMm: 14, rotationDeg: 20, tiltDeg: 10 }));
  const ref = await browser.newContext();
  const rp = await ref.newPage();
  await signInAs(rp, "referrer@northside.test", "/clinic");
  const referral = referralApi(rp.request);
  const patient = await referral.patient(`E2E-MEASURE-${Date.now()}`, "Mia", "Ruler");
  const kase = await referral.case(patient.id, "Pigmented lesion on the forearm, how big is it?");
  const photo = await referral.closeup(kase.id, scene.jpeg);
  expect(photo.scale).not.toBeNull();
  await referral.submit(kase.id);
  await ref.close();

  await signInAs(page, "specialist@demo.test", "/specialist");
  expect((await page.request.post(`/api/v1/cases/${kase.id}/claim`)).status()).toBe(200);
  await page.goto(`/specialist/review?case=${kase.id}`);
  await expect(page.getByRole("img", { name: /photo of/i })).toBeVisible();
  await expect(page.getByText(/Scale from the calibration sticker/)).toBeVisible();
  await expect(page.getByText(/Suggested outline \(dashed\): longest diameter/)).toBeVisible();

  // Keyboard only: ruler on, first point, move the crosshair right, second point, save.
  await page.keyboard.press("m");
  await expect(page.getByRole("button", { name: "Ruler (m)" })).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("Enter");
  for (let i = 0; i < 4; i++) await page.keyboard.press("Shift+ArrowRight");
  await page.keyboard.press("Enter");
  await expect(page.getByText(/Length: \d+\.\d mm/)).toBeVisible();
  const save = page.getByRole("button", { name: "Save measurement" });
  await save.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText(/Saved: \d+\.\d mm\./)).toBeVisible();
  await expect(page.getByRole("list", { name: "Saved measurements" })).toContainText(/Ruler \d+\.\d mm/);
  await page.screenshot({ path: `${SHOTS}/ruler.png`, fullPage: true });

  const { items } = (await (await page.request.get(`/api/v1/photos/${photo.id}/measurements`)).json()) as { items: { lengthMm: number }[] };
  expect(items).toHaveLength(1);
  // 4 × Shift+→ = 4 × 5 × width/200 = 10 % of the width, in mm through the photo's scale.
  expect(items[0]!.lengthMm).toBeGreaterThan(0);
  await page.request.post(`/api/v1/cases/${kase.id}/release`);
});
