import { expect, test, type Browser } from "@playwright/test";
import { closeAdminFixtures, freshInviteToken, seedAdminHistory } from "./fixtures-admin";
import { signIn, signInAs } from "./support";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  await seedAdminHistory();
});

test.afterAll(async () => {
  await closeAdminFixtures();
});

test("the admin dashboard renders its charts from seeded data", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInAs(page, "admin@demo.test", "/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Service dashboard" })).toBeVisible();
  for (const id of ["volume", "trend", "clinic-sla", "backlog", "equity"]) {
    const chart = page.getByTestId(`chart-${id}`);
    await expect(chart.locator("svg.recharts-surface").first(), id).toBeVisible();
  }
  // Bars and lines were actually drawn, not just axes.
  await expect(page.getByTestId("chart-volume").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("chart-trend").locator(".recharts-line-curve").first()).toBeVisible();
  await expect(page.getByRole("table", { name: "Weekly volume" })).toBeVisible();
  await expect(page.getByTestId("headline-figures")).toContainText("Within SLA");
  // The equity view lists every Fitzpatrick type (I–VI and not recorded) with its figures.
  const equity = page.getByRole("table", { name: "Equity by skin type" });
  await expect(equity.locator("tbody tr")).toHaveCount(7);
  await expect(equity.getByRole("rowheader", { name: "Not recorded" })).toBeVisible();
  await page.locator("#equity").screenshot({ path: "test-results/admin-dashboard-equity.png" });
  await page.screenshot({ path: "test-results/admin-dashboard.png", fullPage: true });

  // Grouping control and CSV link follow the URL.
  await page.getByLabel("Break down by").selectOption("skin_type");
  await page.getByRole("button", { name: "Update" }).click();
  await expect(page.getByRole("heading", { name: "Breakdown by skin type" })).toBeVisible();
  await page.getByLabel("Break down by").selectOption("priority");
  await page.getByRole("button", { name: "Update" }).click();
  await expect(page.getByRole("heading", { name: "Breakdown by priority" })).toBeVisible();
  const csv = await page.request.get((await page.getByRole("link", { name: "Download CSV" }).getAttribute("href"))!);
  expect(csv.headers()["content-type"]).toMatch(/text\/csv/);
  expect(await csv.text()).toMatch(/^from,to,group_by,key,label,count/);

  // Mobile width: still readable, no horizontal page scroll from the charts.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/admin-dashboard-mobile.png", fullPage: true });
});

test("the admin changes an SLA window; invalid values are refused next to the field", async ({ page }) => {
  await signInAs(page, "admin@demo.test", "/admin");
  await page.getByRole("link", { name: "SLA settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "SLA settings" })).toBeVisible();
  await page.getByLabel("Urgent (hours)").fill("0");
  await page.getByRole("button", { name: "Save SLA settings" }).click();
  await expect(page.getByRole("alert").first()).toBeVisible();
  await expect(page.getByLabel("Urgent (hours)")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Urgent (hours)").fill("12");
  await page.getByRole("button", { name: "Save SLA settings" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");
  await page.reload();
  await expect(page.getByLabel("Urgent (hours)")).toHaveValue("12");
  const api = await page.request.get("/api/v1/settings/sla");
  expect((await api.json()).hours.urgent).toBe(12);
});

async function newPage(browser: Browser) {
  const context = await browser.newContext();
  return context.newPage();
}

test("an invited user sets a password once, signs in, and is signed out when deactivated", async ({ page, browser }) => {
  const email = `invitee-${Date.now()}@demo.test`;
  await signInAs(page, "admin@demo.test", "/admin");
  await page.getByRole("link", { name: "Users" }).click();
  const form = page.getByRole("form", { name: "Invite a user" });
  await form.getByLabel("Name", { exact: true }).fill("Dr Invited");
  await form.getByLabel("E-mail", { exact: true }).fill(email);
  await form.getByLabel("Role", { exact: true }).selectOption("specialist");
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status")).toContainText(`Invitation sent to ${email}`);
  await expect(page.getByRole("row", { name: /Dr Invited/ })).toContainText("Invited");

  // The real link only exists in the e-mail; issue a fresh one through the same library.
  const token = await freshInviteToken(email);
  const invitee = await newPage(browser);
  await invitee.goto(`/set-password?token=${token}`);
  await expect(invitee.getByText(`For ${email}`)).toBeVisible();
  await invitee.getByLabel("New password").fill("short");
  await invitee.getByLabel("Repeat the password").fill("short");
  await invitee.getByRole("button", { name: "Set password" }).click();
  await expect(invitee.getByText("Use at least 12 characters")).toBeVisible();
  await invitee.getByLabel("New password").fill("invited-user-password");
  await invitee.getByLabel("Repeat the password").fill("invited-user-password");
  await invitee.getByRole("button", { name: "Set password" }).click();
  await expect(invitee.getByRole("status")).toContainText("Your password is set");
  await invitee.getByRole("link", { name: "Go to sign-in" }).click();
  await signIn(invitee, email, "invited-user-password");
  await expect(invitee).toHaveURL(/\/specialist$/);

  // The same link never works again.
  const again = await newPage(browser);
  await again.goto(`/set-password?token=${token}`);
  await expect(again.getByRole("alert").filter({ hasText: "not valid any more" })).toBeVisible();

  // Deactivation: the invitee's next page load goes to sign-in.
  await page.getByRole("link", { name: "Dr Invited" }).click();
  await page.getByRole("button", { name: "Deactivate account" }).click();
  await expect(page.getByRole("status")).toContainText("deactivated");
  await invitee.reload();
  await expect(invitee).toHaveURL(/\/sign-in$/);
  expect((await invitee.request.get("/api/v1/me")).status()).toBe(401);
});

test("the audit viewer filters, verifies the chain and exports CSV", async ({ page }) => {
  await signInAs(page, "admin@demo.test", "/admin");
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await page.getByRole("button", { name: "Verify hash chain" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Chain intact" })).toBeVisible();
  await page.getByLabel("Action").fill("settings.*");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("cell", { name: "settings.sla.update" }).first()).toBeVisible();
  const href = await page.getByRole("link", { name: "Download CSV" }).getAttribute("href");
  const csv = await (await page.request.get(href!)).text();
  expect(csv.split("\r\n")[0]).toBe("id,at,actor_id,actor_role,action,resource_type,resource_id,patient_id,outcome,ip,request_id,details");
  expect(csv).toContain("settings.sla.update");
});

test("an admin sets a clinic's MRN identifier system: a non-URI is refused beside the field, a URI is saved", async ({ page }) => {
  await signInAs(page, "admin@demo.test", "/admin");
  await page.goto("/admin/clinics");
  const name = `MRN Clinic ${Date.now()}`;
  await page.getByLabel("Clinic name").fill(name);
  await page.getByRole("button", { name: "Add clinic" }).click();
  const row = page.getByRole("listitem", { name });
  const field = row.getByLabel(`MRN identifier system for ${name}`);
  await field.fill("hospital mrn");
  await row.getByRole("button", { name: "Save MRN system" }).click();
  await expect(row.getByText("Enter an absolute URI such as urn:oid:1.2.3 or https://ehr.example/mrn")).toBeVisible();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await field.fill("urn:oid:2.16.840.1.113883.19.5");
  await row.getByRole("button", { name: "Save MRN system" }).click();
  await expect(row.getByText("MRN system set to urn:oid:2.16.840.1.113883.19.5")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("listitem", { name }).getByLabel(`MRN identifier system for ${name}`)).toHaveValue("urn:oid:2.16.840.1.113883.19.5");
});
