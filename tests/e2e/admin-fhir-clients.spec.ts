/**
 * The admin registers a FHIR API client (SMART Backend Services) on the integrations screen: an
 * empty form is refused with each problem beside its field, a real public JWKS registers the
 * client, which then appears in the list; the admin deactivates it (after confirming) and
 * reactivates it; a clinic's FHIR Subscription is listed (endpoint origin only) and the admin stops
 * it, after which its owner's read is 410 Gone; the screen has no serious axe violations.
 */
import { generateKeyPairSync } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signInAs } from "./support";

test("the admin registers a FHIR API client; mistakes are shown beside the fields", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInAs(page, "admin@demo.test", "/admin");
  await page.goto("/admin/integrations");
  const form = page.getByRole("form", { name: "Register a FHIR API client" });
  await expect(form).toBeVisible();

  await form.getByRole("button", { name: "Register client" }).click();
  await expect(form.getByLabel("Client name")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("System scopes")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Acts for clinic")).toHaveAttribute("aria-invalid", "true");

  const name = `E2E system client ${Date.now()}`;
  const jwk = generateKeyPairSync("ec", { namedCurve: "P-384" }).publicKey.export({ format: "jwk" });
  await form.getByLabel("Client name").fill(name);
  await form.getByLabel("Acts for clinic").selectOption({ index: 1 });
  await form.getByLabel("Public keys (JWKS JSON)").fill(JSON.stringify({ keys: [{ ...jwk, kid: "e2e-1", alg: "ES384" }] }));
  await form.getByLabel("System scopes").fill("not-a-scope");
  await form.getByRole("button", { name: "Register client" }).click();
  await expect(form.getByLabel("System scopes")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Client name")).not.toHaveAttribute("aria-invalid", "true");

  await form.getByLabel("System scopes").fill("system/Task.rs system/ServiceRequest.crs");
  await form.getByRole("button", { name: "Register client" }).click();
  await expect(form.getByRole("status")).toContainText(`“${name}” registered`);
  await expect(page.getByRole("listitem").filter({ hasText: name })).toContainText("system/Task.rs system/ServiceRequest.crs");
  await page.screenshot({ path: "test-results/admin-fhir-clients.png", fullPage: true });

  // Deactivate asks first (Cancel changes nothing), then stops access; Reactivate restores it.
  const row = page.getByRole("listitem", { name });
  await row.getByRole("button", { name: `Deactivate ${name}` }).click();
  const ask = row.getByRole("alertdialog", { name: `Deactivate ${name}?` });
  await expect(ask).toContainText("stop working at once");
  await expect(ask.getByRole("button", { name: "Yes, deactivate" })).toBeFocused();
  await ask.getByRole("button", { name: "Cancel" }).click();
  await expect(row).toContainText("active");
  await expect(row).not.toContainText("deactivated");
  await row.getByRole("button", { name: `Deactivate ${name}` }).press("Enter");
  await page.keyboard.press("Enter"); // the focused "Yes, deactivate"
  await expect(row.getByRole("status")).toContainText(`“${name}” deactivated`);
  await expect(row).toContainText("deactivated");
  await expect(row.getByRole("button", { name: `Reactivate ${name}` })).toBeFocused(); // focus is not lost
  await row.getByRole("button", { name: `Reactivate ${name}` }).click();
  await expect(row.getByRole("status")).toContainText(`“${name}” reactivated`);
  await expect(row.getByRole("button", { name: `Deactivate ${name}` })).toBeVisible();

  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
});

test("the admin sees a clinic's FHIR Subscription (origin only) and stops it; its owner then reads 410", async ({ browser, page }) => {
  const clinic = await browser.newContext();
  const referrer = await clinic.newPage();
  await signInAs(referrer, "referrer@northside.test", "/clinic");
  const created = await referrer.request.post("/fhir/R4/Subscription", {
    headers: { "content-type": "application/fhir+json" },
    data: {
      resourceType: "Subscription",
      status: "requested",
      reason: "E2E receiver",
      criteria: "Task?status=cancelled",
      channel: { type: "rest-hook", endpoint: "http://127.0.0.1:9/receiver/path?key=e2e-path-secret", header: ["Authorization: Bearer e2e-header-secret"] },
    },
  });
  expect(created.status()).toBe(201);
  const sub = (await created.json()) as { id: string };

  await page.setViewportSize({ width: 1280, height: 900 });
  await signInAs(page, "admin@demo.test", "/admin");
  await page.goto("/admin/integrations");
  const table = page.getByRole("region", { name: "FHIR Subscriptions" });
  const row = table.locator(`tr[data-subscription-id="${sub.id}"]`);
  await expect(row).toContainText("http://127.0.0.1:9");
  await expect(row).toContainText("Task?status=cancelled");
  await expect(row).toContainText("active");
  const html = await page.content();
  for (const secret of ["e2e-path-secret", "e2e-header-secret", "/receiver/path"]) expect(html).not.toContain(secret);

  await row.getByRole("button", { name: /^Stop the Subscription of / }).click();
  const ask = row.getByRole("alertdialog");
  await expect(ask).toContainText("Deliveries end at once");
  await page.screenshot({ path: "test-results/admin-integrations-stop.png", fullPage: true });
  await ask.getByRole("button", { name: "Yes, stop" }).click();
  await expect(row).toContainText("deleted");
  await expect(row).toContainText("Stopped");

  expect((await referrer.request.get(`/fhir/R4/Subscription/${sub.id}`)).status()).toBe(410);
  await clinic.close();

  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
});
