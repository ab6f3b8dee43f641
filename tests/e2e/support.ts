/** Shared browser steps: sign in through the real sign-in page. */
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo-password";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAs(page: Page, email: string, home: string) {
  await signIn(page, email);
  await expect(page).toHaveURL(new RegExp(`${home}$`));
}
