import { expect, test } from "@playwright/test";
import { signIn, signInAs } from "./support";

const HOMES = [
  { email: "referrer@northside.test", home: "/clinic", heading: "Your clinic's referrals" },
  { email: "referrer@riverside.test", home: "/clinic", heading: "Your clinic's referrals" },
  { email: "specialist@demo.test", home: "/specialist", heading: "Referral queue" },
  { email: "specialist2@demo.test", home: "/specialist", heading: "Referral queue" },
  { email: "admin@demo.test", home: "/admin", heading: "Service dashboard" },
];

for (const { email, home, heading } of HOMES) {
  test(`${email} signs in and lands on ${home}`, async ({ page }) => {
    await signInAs(page, email, home);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  });
}

test("a wrong password shows a generic error and creates no session", async ({ page, context }) => {
  await signIn(page, "specialist@demo.test", "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: /email or password is not correct/i })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  const cookies = await context.cookies();
  expect(cookies.some((c) => c.name.includes("session-token"))).toBe(false);
  await page.goto("/specialist");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("a referrer opening /admin is refused", async ({ page }) => {
  await signInAs(page, "referrer@northside.test", "/clinic");
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/forbidden$/);
  await expect(page.getByRole("heading", { name: /don't have access/ })).toBeVisible();
  const res = await page.request.get("/api/v1/me");
  expect((await res.json()).role).toBe("referrer");
});

test("sign-out ends the session", async ({ page }) => {
  await signInAs(page, "admin@demo.test", "/admin");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1$/);
  await expect(page.getByRole("status")).toHaveText(/signed out/);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/sign-in$/);
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);
});
