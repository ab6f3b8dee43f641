/**
 * Compare (SPEC §15) in a real browser against the production build and its worker: one lesion of
 * one patient photographed (with a calibration sticker) in two referrals, seeded through the real
 * API; the first is answered. The specialist reviewing the second presses c: both photos side by
 * side with their date badges, zoom that moves both panes, the size chart and its table; overlay
 * mode with its slider moved by the keyboard; registration: the two photos carry their stickers
 * at different scales (10 and 18 px/mm) and rotations (10° and 40°), yet on screen both stickers
 * have the same size and the lesions the same centre, in both views; a third photo without a
 * sticker is "not calibrated — aligned by hand", moved and turned with the buttons and keys and
 * reset; the ruler used with the keyboard only inside Compare (a value in mm); Esc leaves the ruler first, then Compare. axe on the open Compare on
 * a desktop and a phone viewport. Screenshots in test-results/compare/.
 */
import { expect, test, type Locator } from "@playwright/test";
import { randomSpec, renderScene } from "../fixtures/measure-scene";
import { blockingViolations } from "./axe";
import { FOREARM, ok, referralApi } from "./referral-api";
import { signInAs } from "./support";

const SHOTS = "test-results/compare";

type Box = { x: number; y: number; width: number; height: number };
async function box(l: Locator): Promise<Box> {
  const b = await l.boundingBox();
  if (!b) throw new Error("not on screen");
  return b;
}
/**
 * The sticker as drawn on screen: the centres of its four corner dots (a dot's box is centred on
 * its corner whatever the layer's rotation, unlike the box of the whole outline), as mean side
 * (px) and the direction of its top edge (degrees).
 */
async function sticker(l: Locator): Promise<{ side: number; angle: number }> {
  const c = await Promise.all([0, 1, 2, 3].map(async (i) => {
    const b = await box(l.locator(`[data-sticker] [data-corner="${i}"]`));
    return [b.x + b.width / 2, b.y + b.height / 2] as const;
  }));
  const side = [0, 1, 2, 3].reduce((s, i) => s + Math.hypot(c[(i + 1) % 4]![0] - c[i]![0], c[(i + 1) % 4]![1] - c[i]![1]), 0) / 4;
  return { side, angle: (Math.atan2(c[1]![1] - c[0]![1], c[1]![0] - c[0]![0]) * 180) / Math.PI };
}
/** How far two drawn stickers differ: side (px) or direction (degrees, counted as px), whichever is larger. */
const stickerGap = (a: { side: number; angle: number }, b: { side: number; angle: number }) => Math.max(Math.abs(a.side - b.side), Math.abs(a.angle - b.angle));
/** The distance between the centres of two boxes, each taken relative to its own frame, px. */
const centreGap = (a: Box, fa: Box, b: Box, fb: Box) =>
  Math.hypot(a.x + a.width / 2 - fa.x - (b.x + b.width / 2 - fb.x), a.y + a.height / 2 - fa.y - (b.y + b.height / 2 - fb.y));

test("a specialist compares a lesion across two referrals and measures it with the keyboard", async ({ page, browser }) => {
  test.setTimeout(240_000);
  // Different distance, rotation and framing, as months apart; the third has no sticker at all.
  const [earlier, later, unscaled] = await Promise.all([
    renderScene(randomSpec(941, { lesionDiameterMm: 6, irregularity: 0.4, pxPerMm: 10, rotationDeg: 10, tiltDeg: 5 })),
    renderScene(randomSpec(942, { lesionDiameterMm: 9, irregularity: 0.4, pxPerMm: 18, rotationDeg: 40, tiltDeg: 5 })),
    renderScene(randomSpec(943, { lesionDiameterMm: 9, irregularity: 0.4, pxPerMm: 14, rotationDeg: 30, tiltDeg: 5, marker: null })),
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
  const photo3 = await referral.closeup(case2.id, unscaled.jpeg);
  await ok(await rp.request.put(`/api/v1/photos/${photo3.id}/lesion`, { data: { lesionId: lesion.id } }), 200);
  // Raw, the stickers would differ on screen: their side is a clearly different share of the photo's width.
  type Scaled = { width: number; scale: { markerSidePx: number } | null };
  const [p1, p2] = [photo1 as unknown as Scaled, photo2 as unknown as Scaled];
  expect(p1.scale && p2.scale, "both photos have a scale").toBeTruthy();
  expect((photo3 as unknown as Scaled).scale).toBeNull();
  expect(p2.scale!.markerSidePx / p2.width / (p1.scale!.markerSidePx / p1.width)).toBeGreaterThan(1.15);
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
    await expect(table.getByRole("row")).toHaveCount(4);
    await expect(table.getByRole("row").nth(2)).toContainText("(this one)");
    await expect(table.getByRole("row").nth(2)).toContainText(/\d+\.\d mm/);

    // Zoom and pan are one state for both panes.
    await page.keyboard.press("+");
    await expect(left.getByText("150%")).toBeVisible();
    await expect(right.getByText("150%")).toBeVisible();
    await page.keyboard.press("ArrowLeft");
    const transforms = await compare.locator("figure [data-zoom-pan]").evaluateAll((els) => els.map((e) => (e as HTMLElement).style.transform));
    expect(transforms).toHaveLength(2);
    expect(transforms[0]).toBe(transforms[1]);
    expect(transforms[0]).toContain("translate(60px, 0px) scale(1.5)");
    await page.keyboard.press("0");

    // Registered: the stickers (outlined) are the same size on screen and the lesions sit alike in their panes.
    await expect(right.getByText(/^Registered on the calibration stickers: same mm per screen pixel, centred on the lesion$/)).toBeVisible();
    const leftFrame = await box(left.locator("[data-zoom-pan]").locator(".."));
    const rightFrame = await box(right.locator("[data-zoom-pan]").locator(".."));
    await expect.poll(async () => stickerGap(await sticker(left), await sticker(right)), { message: "sticker size and direction, side by side" }).toBeLessThanOrEqual(2);
    const leftSticker = await sticker(left);
    expect(leftSticker.side).toBeGreaterThan(60);
    const outline = (fig: Locator) => box(fig.locator("polygon[stroke-dasharray]"));
    expect(centreGap(await outline(left), leftFrame, await outline(right), rightFrame), "lesion centres, side by side").toBeLessThanOrEqual(8);
    // The same at 150 %: zoom composes with the registration.
    await page.keyboard.press("+");
    await expect.poll(async () => (await sticker(left)).side / leftSticker.side).toBeCloseTo(1.5, 1);
    expect(stickerGap(await sticker(left), await sticker(right))).toBeLessThanOrEqual(3);
    await page.keyboard.press("0");
    await page.screenshot({ path: `${SHOTS}/side-by-side.png` });

    // The ruler by pointer on the turned and scaled right photo: one side of its sticker is 20 mm.
    await compare.getByRole("button", { name: "Ruler (m)" }).click();
    const corner = async (i: number) => {
      const b = await box(right.locator(`[data-sticker] [data-corner="${i}"]`));
      return [b.x + b.width / 2, b.y + b.height / 2] as const;
    };
    const [c0, c1] = [await corner(0), await corner(1)];
    await page.mouse.move(...c0);
    await page.mouse.down();
    await page.mouse.move((c0[0] + c1[0]) / 2, (c0[1] + c1[1]) / 2);
    await page.mouse.move(...c1);
    await page.mouse.up();
    const length = Number((await compare.getByText(/^Length: \d+\.\d mm$/).textContent())!.match(/[\d.]+/)![0]);
    expect(length, "the sticker's side measured on the registered photo").toBeGreaterThan(19.2);
    expect(length).toBeLessThan(20.8);
    await page.keyboard.press("Escape");
    await expect(compare.getByRole("button", { name: "Ruler (m)" })).toHaveAttribute("aria-pressed", "false");

    // Overlay, and its slider moved with the keyboard.
    await compare.getByRole("radio", { name: "Overlay" }).check();
    const slider = compare.getByRole("slider", { name: "Opacity of the right photo over the left" });
    await expect(slider).toHaveValue("50");
    await slider.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
    await expect(slider).toHaveValue("70");
    await expect(compare.getByText("Over, 70 %")).toBeVisible();
    const overlay = compare.getByRole("figure", { name: "Overlay of the two photos" });
    await expect(overlay.locator("[data-sticker]")).toHaveCount(2);
    await expect
      .poll(async () => stickerGap(await sticker(overlay.locator("[data-zoom-pan] > svg")), await sticker(overlay.locator("[data-registered]"))), { message: "sticker size and direction, overlaid" })
      .toBeLessThanOrEqual(2);
    const outlines = overlay.locator("polygon[stroke-dasharray]");
    const frame = await box(overlay.locator("[data-zoom-pan]").locator(".."));
    expect(centreGap(await box(outlines.nth(0)), frame, await box(outlines.nth(1)), frame), "lesion centres, overlaid").toBeLessThanOrEqual(8);
    await page.screenshot({ path: `${SHOTS}/overlay.png` });

    // A right photo without a sticker: the raw fit, aligned by hand with buttons and keys, and reset.
    await compare.getByLabel("Right photo (later)").selectOption(photo3.id);
    await expect(overlay.getByText("Not calibrated — aligned by hand")).toBeVisible();
    const layer = overlay.locator("[data-registered]");
    const raw = await layer.evaluate((e) => (e as HTMLElement).style.transform);
    await compare.getByRole("button", { name: "Move the right photo right (Shift + →)" }).click();
    await expect(compare.getByText(/^Adjusted by hand: moved \d+, 0 px, turned 0°\./)).toBeVisible();
    await page.keyboard.press("Shift+ArrowDown");
    await page.keyboard.press("]");
    await page.keyboard.press("}");
    await expect(compare.getByText(/^Adjusted by hand: moved \d+, \d+ px, turned 1°, size 101 %\./)).toBeVisible();
    expect(await layer.evaluate((e) => (e as HTMLElement).style.transform)).not.toBe(raw);
    // Shift + drag moves it too, by screen pixels turned into the left photo's pixels.
    const f = await box(overlay.locator("[data-zoom-pan]"));
    await page.keyboard.down("Shift");
    await page.mouse.move(f.x + f.width / 2, f.y + f.height / 2);
    await page.mouse.down();
    await page.mouse.move(f.x + f.width / 2 + 25, f.y + f.height / 2);
    await page.mouse.move(f.x + f.width / 2 + 50, f.y + f.height / 2);
    await page.mouse.up();
    await page.keyboard.up("Shift");
    const movedX = Number((await compare.getByText(/^Adjusted by hand: moved/).textContent())!.match(/moved (-?\d+),/)![1]);
    expect(movedX, "12 px by the button, then 50 screen px of drag").toBeGreaterThan(12 + 50);
    await page.screenshot({ path: `${SHOTS}/overlay-by-hand.png` });
    await compare.getByRole("button", { name: "Reset alignment" }).click();
    await expect(compare.getByText(/^Not adjusted yet\./)).toBeVisible();
    expect(await layer.evaluate((e) => (e as HTMLElement).style.transform)).toBe(raw);
    await compare.getByLabel("Right photo (later)").selectOption(photo2.id);
    await expect(overlay.getByText(/^Registered on the calibration stickers/)).toBeVisible();

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
    // On the turned right photo the arrows still move the crosshair across the screen, not along the photo's own axes.
    const placed = right.locator("[data-registered] circle:not([data-corner])");
    await expect(placed).toHaveCount(2);
    const [q0, q1] = [await box(placed.nth(0)), await box(placed.nth(1))];
    expect(Math.abs(q0.y - q1.y), "a horizontal ruler on screen").toBeLessThanOrEqual(2);
    expect(q1.x - q0.x).toBeGreaterThan(20);
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
