/**
 * Compare (SPEC §15) in a real browser against the production build and its worker: one lesion of
 * one patient photographed (with a calibration sticker) in two referrals, seeded through the real
 * API; the first is answered. The specialist reviewing the second presses c: both photos side by
 * side with their date badges, zoom that moves both panes, the size chart and its table; overlay
 * mode with its slider moved by the keyboard; the ruler used with the keyboard only inside
 * Compare (a value in mm); Esc leaves the ruler first, then Compare. axe on the open Compare on
 * a desktop and a phone viewport. Screenshots in test-results/compare/.
 */
import { expect, test } from "@playwright/test";
import { randomSpec, renderScene } from "../fixtures/measure-scene";
import { blockingViolations } from "./axe";
import { FOREARM, ok, referralApi } from "./referral-api";
import { signInAs } from "./support";

const SHOTS = "test-results/compare";

test("a specialist compares a lesion across two referrals and measures it with the keyboard", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const [earlier, later] = await Promise.all([
    renderScene(randomSpec(941, { lesionDiameterMm: 6, irregularity: 0.4, pxPerMm: 14, rotationDeg: 10, tiltDeg: 5 })),
    renderScene(randomSpec(942, { lesionDiameterMm: 9, irregularity: 0.4, pxPerMm: 14, rotationDeg: 25, tiltDeg: 10 })),
  ]);
  const ref = await browser.newContext();
  const rp = await ref.newPage();
  await signInAs(rp, "referrer@northside.test", "/clinic");
  const referral = referralApi(rp.request);
  const patient = await referral.patient(`E2E-COMPARE-${Date.now()}`, "Cora", "Compare");

  const case1 = await referral.case(patient.id, "Mole on the forearm, please assess.");
  const photo1 = await referral.closeup(case1.id, earlier.jpeg);
  const { lesion } = await ok<{ lesion: { id: string } }>(
    await rp.request.put(`/api/v1/photos/${photo1.id}/lesion`, { data: { newLesion: { label: "Mole on the left forearm", bodySite: FOREARM, bodyMapPoint: { x: 0.18, y: 0.42 } } } }),
    200,
  );
  await referral.submit(case1.id);

  // The first referral is answered, so it leaves the queue and stays only as history.
  const specialist = await browser.newContext();
  const sp = await specialist.newPage();
  await signInAs(sp, "specialist@demo.test", "/specialist");
  await ok(await sp.request.post(`/api/v1/cases/${case1.id}/claim`), 200);
  await ok(await sp.request.post(`/api/v1/cases/${case1.id}/consultation`, { data: { diagnosis: "Benign naevus", plan: "Photograph again in 6 months.", disposition: "reassure" } }));
  await specialist.close();

  const case2 = await referral.case(patient.id, "The mole on the forearm seems larger.");
  const photo2 = await referral.closeup(case2.id, later.jpeg);
  await ok(await rp.request.put(`/api/v1/photos/${photo2.id}/lesion`, { data: { lesionId: lesion.id } }), 200);
  await referral.submit(case2.id);
  await ref.close();

  await page.setViewportSize({ width: 1280, height: 1000 });
  await signInAs(page, "specialist@demo.test", "/specialist");
  await ok(await page.request.post(`/api/v1/cases/${case2.id}/claim`), 200);
  try {
    await page.goto(`/specialist/review?case=${case2.id}`);
    await expect(page.getByRole("button", { name: /Compare this lesion over time/ })).toBeEnabled();
    await page.keyboard.press("c");
    const compare = page.getByRole("dialog", { name: "Compare the lesion over time" });
    await expect(compare).toBeVisible();
    await expect(compare.getByText("Mole on the left forearm")).toBeVisible();

    // Both photos with their date badges; the later one is this referral.
    const left = compare.getByRole("figure", { name: "Left photo" });
    const right = compare.getByRole("figure", { name: "Right photo" });
    await expect(left.getByRole("img", { name: /photo of the lesion, uploaded/ })).toBeVisible();
    await expect(right.getByRole("img", { name: /photo of the lesion, uploaded/ })).toBeVisible();
    await expect(left.getByText(/^Uploaded \d+ \w+ \d{4}$/)).toBeVisible();
    await expect(left.getByText(/^Referral of \d+ \w+ \d{4}$/)).toBeVisible();
    await expect(right.getByText(/^Referral of \d+ \w+ \d{4} · this referral$/)).toBeVisible();
    await expect(compare.getByRole("img", { name: /Body map: Mole on the left forearm/ })).toBeVisible();

    // The size over time: the chart (an image with its summary) and the table with two rows in mm.
    await expect(compare.getByRole("img", { name: /^Longest diameter \d+\.\d mm on .* over 2 measured photos/ })).toBeVisible();
    const table = compare.getByRole("table", { name: "Size of the lesion on each photo" });
    await expect(table.getByRole("row")).toHaveCount(3);
    await expect(table.getByRole("row").nth(2)).toContainText("(this one)");
    await expect(table.getByRole("row").nth(2)).toContainText(/\d+\.\d mm/);

    // Zoom and pan are one state for both panes.
    await page.keyboard.press("+");
    await expect(left.getByText("150%")).toBeVisible();
    await expect(right.getByText("150%")).toBeVisible();
    await page.keyboard.press("ArrowLeft");
    const transforms = await compare.locator("figure [style*='translate']").evaluateAll((els) => els.map((e) => (e as HTMLElement).style.transform));
    expect(transforms).toHaveLength(2);
    expect(transforms[0]).toBe(transforms[1]);
    expect(transforms[0]).toContain("translate(60px, 0px) scale(1.5)");
    await page.keyboard.press("0");
    await page.screenshot({ path: `${SHOTS}/side-by-side.png` });

    // Overlay, and its slider moved with the keyboard.
    await compare.getByRole("radio", { name: "Overlay" }).check();
    const slider = compare.getByRole("slider", { name: "Opacity of the right photo over the left" });
    await expect(slider).toHaveValue("50");
    await slider.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
    await expect(slider).toHaveValue("70");
    await expect(compare.getByText("Over, 70 %")).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/overlay.png` });

    // Back to side by side, by the keyboard (arrows in the radio group), then the ruler with keys only.
    await compare.getByRole("radio", { name: "Overlay" }).focus();
    await page.keyboard.press("ArrowLeft");
    await expect(compare.getByRole("radio", { name: "Side by side" })).toBeChecked();
    await page.keyboard.press("m");
    await expect(compare.getByRole("button", { name: "Ruler (m)" })).toHaveAttribute("aria-pressed", "true");
    await page.keyboard.press("Enter");
    for (let i = 0; i < 4; i++) await page.keyboard.press("Shift+ArrowRight");
    await page.keyboard.press("Enter");
    await expect(compare.getByText(/Length: \d+\.\d mm/)).toBeVisible();
    await expect(compare.getByRole("radio", { name: "Side by side" })).toBeChecked(); // the arrows moved the crosshair, not the radios
    await page.screenshot({ path: `${SHOTS}/ruler.png` });
    await table.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/chart.png` });

    const axeDesktop = await blockingViolations(page);
    expect(axeDesktop, "Compare on a desktop").toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(compare).toBeVisible();
    expect(await blockingViolations(page), "Compare on a phone").toEqual([]);
    await page.screenshot({ path: `${SHOTS}/phone.png` });

    // Esc leaves the ruler first; the next Esc closes Compare.
    await page.keyboard.press("Escape");
    await expect(compare.getByRole("button", { name: "Ruler (m)" })).toHaveAttribute("aria-pressed", "false");
    await expect(compare).toBeVisible();
    // Measuring the earlier photo is possible, but it says it cannot be saved there.
    await compare.getByRole("radio", { name: "Left" }).check();
    await expect(compare.getByText(/belongs to an earlier referral/)).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(compare).toBeHidden();
  } finally {
    await page.request.post(`/api/v1/cases/${case2.id}/release`);
  }
});
