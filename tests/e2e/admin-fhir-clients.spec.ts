/**
 * The admin registers a FHIR API client (SMART Backend Services) on the integrations screen: an
 * empty form is refused with each problem beside its field, a real public JWKS registers the
 * client, which then appears in the list; the screen has no serious axe violations.
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

  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
});
