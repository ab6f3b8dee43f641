/** Shared browser steps: sign in through the real sign-in page. */
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

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

/** A browser context's cookies and storage after signing in, to open more contexts as that user. */
export type SavedSignIn = Awaited<ReturnType<BrowserContext["storageState"]>>;

/** Sign `email` in once through the real sign-in page and keep the session for other contexts. */
export async function savedSignIn(browser: Browser, email: string, home: string): Promise<SavedSignIn> {
  const context = await browser.newContext();
  try {
    await signInAs(await context.newPage(), email, home);
    return await context.storageState();
  } finally {
    await context.close();
  }
}
