/**
 * Automatic logoff in the browser (SPEC §9, HIPAA §164.312(a)(2)(iii)); the server side is
 * tests/integration/auth-idle-logoff.test.ts. Two parts:
 * - the warning's timing at the shipped 15-minute limit, with the page's clock fast-forwarded
 *   (Playwright `page.clock`; nothing here asks the server until the deadline, so the server's
 *   real clock does not matter);
 * - the real thing at SESSION_IDLE_MINUTES=1 against a second `next start` of this build with that
 *   setting (same database), in real time and with three people at once so it costs one minute:
 *   activity in one tab keeps the other tab signed in, "Stay signed in" keeps a session past its
 *   first deadline, and two idle tabs whose notification bell keeps polling are both signed out.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { startNextServer, type NextServer } from "../support/next-server";
import { freePort } from "../support/worker-process";
import { e2eEnv } from "./env";
import { signInAs } from "./support";

const warning = (page: Page) => page.getByRole("alertdialog", { name: "Still there?" });

test("at the 15-minute limit, 'Still there?' appears a minute before logoff and not earlier", async ({ page }) => {
  await page.clock.install();
  await signInAs(page, "specialist2@demo.test", "/specialist");
  await page.clock.fastForward("13:30");
  await expect(page.getByRole("heading", { level: 1, name: "Referral queue" })).toBeVisible();
  await expect(warning(page)).toHaveCount(0);
  await page.clock.fastForward("00:45"); // 14:15 idle: 45 s left
  await expect(warning(page)).toBeVisible();
  await expect(warning(page)).toContainText(/signed out in \d+ s/);
  await expect(page.getByRole("button", { name: "Stay signed in" })).toBeFocused();
});

test.describe("at a 1-minute limit", () => {
  let server: NextServer;
  test.beforeAll(async () => {
    server = await startNextServer(await freePort(), { ...e2eEnv, SESSION_IDLE_MINUTES: "1", LOG_LEVEL: "warn" });
  });
  test.afterAll(async () => server?.stop());

  async function person(browser: Browser, email: string, home: string) {
    const context = await browser.newContext({ baseURL: server.url });
    const first = await context.newPage();
    await signInAs(first, email, home);
    return { context, first };
  }
  const signedIn = async (page: Page) => (await page.request.get("/api/session")).status() === 200;

  test("activity in another tab keeps a tab signed in, 'Stay signed in' holds, idle polling tabs are all signed out", async ({ browser }) => {
    test.setTimeout(120_000);
    // A: two tabs; a person types in the second one only. B: one tab; answers the warning once.
    // C: two tabs nobody touches; the notification bell keeps polling in both.
    const [a, b, c] = await Promise.all([
      person(browser, "referrer@northside.test", "/clinic"),
      person(browser, "specialist@demo.test", "/specialist"),
      person(browser, "referrer@riverside.test", "/clinic"),
    ]);
    const [a2, c2] = await Promise.all([a.context.newPage(), c.context.newPage()]);
    await Promise.all([a2.goto("/clinic"), c2.goto("/clinic")]);
    let polls = 0;
    c.context.on("request", (r) => void (r.url().includes("/api/v1/notifications") && polls++));
    const started = Date.now();

    // With a 1-minute limit the whole minute is the warning: it is there from the start.
    await expect(warning(b.first)).toBeVisible();

    const typing = setInterval(() => void a2.keyboard.press("Shift").catch(() => undefined), 10_000);
    try {
      // B: 40 s in, the person answers; without that the session would end at ~60 s.
      await b.first.waitForTimeout(40_000);
      await b.first.getByRole("button", { name: "Stay signed in" }).click();
      await expect(warning(b.first)).toContainText(/signed out in (5\d|60) s/);

      // C: both idle tabs go to the sign-in page, told why, although the bell kept polling.
      for (const tab of [c.first, c2]) await expect(tab).toHaveURL(/\/sign-in\?idle=1$/, { timeout: 40_000 });
      expect(polls).toBeGreaterThan(0);
      expect(await signedIn(c.first)).toBe(false);
      expect(Date.now() - started).toBeGreaterThan(50_000);

      // Past everyone's first deadline: A's untouched tab and B are still in.
      await a.first.waitForTimeout(Math.max(0, started + 65_000 - Date.now()));
      await expect(a.first).toHaveURL(/\/clinic$/);
      expect(await signedIn(a.first)).toBe(true);
      await expect(b.first).toHaveURL(/\/specialist$/);
      expect(await signedIn(b.first)).toBe(true);
    } finally {
      clearInterval(typing);
      await Promise.all([a.context.close(), b.context.close(), c.context.close()]);
    }
  });
});
