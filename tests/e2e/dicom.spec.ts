/**
 * DICOM in the browser (SPEC §14): the administrator points DermRelay at a PACS (header values
 * masked once saved), downloads a case's study and queues a send from the case page; the
 * specialist downloads the study from the review screen. Pages checked with axe.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./support";

const SECRET = "Basic ZTJlLXBhY3M6ZTJlLXNlY3JldC12YWx1ZQ==";

async function noSeriousAxe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function expectZipDownload(page: Page, link: ReturnType<Page["getByRole"]>) {
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^DR-[0-9A-F]{12}-dicom\.zip$/);
  const chunks: Buffer[] = [];
  for await (const c of (await download.createReadStream())!) chunks.push(c as Buffer);
  const zip = Buffer.concat(chunks);
  expect(zip.subarray(0, 2).toString()).toBe("PK");
  expect(zip.includes(Buffer.from(".dcm"))).toBe(true);
}

test("the admin sets the PACS, downloads a case's DICOM study and sends it to the PACS", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInAs(page, "admin@demo.test", "/admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "PACS" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "PACS settings" })).toBeVisible();

  await page.getByLabel("STOW-RS URL").fill("ftp://pacs.example/studies");
  await page.getByRole("button", { name: "Save PACS settings" }).click();
  await expect(page.getByText("Only http and https URLs are accepted")).toBeVisible();

  // Nothing listens on port 2 here: sends will wait and retry, which is what the case page shows.
  await page.getByLabel("STOW-RS URL").fill("http://127.0.0.1:2/dicom-web/studies");
  await page.getByLabel("Send each case's study").selectOption("manual");
  await page.getByLabel("New headers (replace the stored ones)").fill(`Authorization: ${SECRET}`);
  await page.getByRole("button", { name: "Save PACS settings" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");
  await page.reload();
  await expect(page.getByText("Authorization", { exact: true })).toBeVisible();
  expect(await page.content()).not.toContain(SECRET.slice(6, 20));
  await noSeriousAxe(page);
  await page.screenshot({ path: "test-results/admin-pacs-settings.png", fullPage: true });

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cases" }).click();
  await page.getByLabel("Status").selectOption({ label: "In queue" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.getByTestId("admin-case-row").first().getByRole("link", { name: /^MRN / }).click();
  await expect(page).toHaveURL(/\/admin\/cases\/[0-9a-f-]{36}$/);
  await expectZipDownload(page, page.getByRole("link", { name: /Download DICOM/ }));

  const pacs = page.getByRole("region", { name: "PACS" });
  await pacs.getByRole("button", { name: /Send to PACS/ }).click();
  await expect(pacs.getByRole("status")).toContainText("Queued");
  await page.reload();
  const sent = page.getByRole("region", { name: "PACS" }).getByRole("listitem").first();
  await expect(sent).toContainText("by an administrator");
  await expect(sent).toContainText(/Waiting for the worker|Retrying after: STOW-RS failed: the PACS could not be reached \(ECONNREFUSED\)/);
  await noSeriousAxe(page);
  await page.screenshot({ path: "test-results/admin-case-pacs.png", fullPage: true });

  // Leave the demo without a PACS.
  await page.goto("/admin/settings/pacs");
  await page.getByLabel("STOW-RS URL").fill("");
  await page.getByRole("checkbox", { name: "Remove the stored headers" }).check();
  await page.getByRole("button", { name: "Save PACS settings" }).click();
  await expect(page.getByRole("status")).toContainText("Sending to a PACS is off");
});

test("the specialist downloads a queued case's DICOM study from the review screen", async ({ page }) => {
  await signInAs(page, "specialist@demo.test", "/specialist");
  const queue = await (await page.request.get("/api/v1/queue?limit=1")).json();
  const id = queue.items[0].id as string;
  await page.goto(`/specialist/review?case=${id}`);
  await expectZipDownload(page, page.getByRole("link", { name: /Download DICOM/ }));
});
