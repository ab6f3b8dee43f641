/** The service manager's case screens: the filtered list and a read-only, audited case page. */
import { expect, test } from "@playwright/test";
import { signInAs } from "./support";

test("the admin filters the case list to the queue and opens a case read-only", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInAs(page, "admin@demo.test", "/admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cases" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cases" })).toBeVisible();

  await page.getByLabel("Status").selectOption({ label: "In queue" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/\/admin\/cases\?status=triaged(&|$)/);
  const rows = page.getByTestId("admin-case-row");
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  for (let i = 0; i < count; i++) await expect(rows.nth(i)).toContainText("In queue");
  // The list names patients by MRN only.
  await expect(rows.first().getByRole("link", { name: /^MRN / })).toBeVisible();
  await page.screenshot({ path: "test-results/admin-cases-list.png", fullPage: true });

  const link = rows.first().getByRole("link", { name: /^MRN / });
  const mrn = (await link.textContent())!.replace("MRN ", "").trim();
  await link.click();
  await expect(page).toHaveURL(/\/admin\/cases\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`MRN ${mrn}`);
  await expect(page.getByTestId("case-status")).toContainText("In queue");
  const timeline = page.getByRole("list", { name: "Status timeline" });
  await expect(timeline).toBeVisible();
  await expect(timeline).toContainText("In queue");
  const photos = page.getByRole("region", { name: "Photos" });
  const thumb = photos.getByRole("img").first();
  await expect(thumb).toBeVisible();
  // The thumbnail really loaded through the authorized image route.
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

  // Read-only: none of the clinic's or the specialist's actions are offered.
  for (const name of [/withdraw/i, /claim/i, /acknowledge/i, /send answer/i, /reply/i, /release/i]) {
    await expect(page.getByRole("button", { name })).toHaveCount(0);
  }
  await page.screenshot({ path: "test-results/admin-case-detail.png", fullPage: true });

  // Back to the list keeps the way home obvious.
  await page.getByRole("link", { name: "← All cases" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cases" })).toBeVisible();
});

test("an unknown case id is a not-found page, not an error", async ({ page }) => {
  await signInAs(page, "admin@demo.test", "/admin");
  const res = await page.goto("/admin/cases/00000000-0000-4000-8000-000000000000");
  expect(res?.status()).toBe(404);
});
