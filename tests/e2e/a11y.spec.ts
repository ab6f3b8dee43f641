/**
 * Accessibility as a test: axe-core (WCAG 2.0/2.1, levels A and AA) over every screen of every
 * role, on a desktop and a phone viewport. Any serious or critical violation fails, with the rule,
 * the nodes and axe's help link in the message. Screens are only read (claims are never taken, and
 * the specialist who browses the queue is the second one), so the other specs find the seed as it was.
 */
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { blockingViolations } from "./axe";
import { savedSignIn, type SavedSignIn } from "./support";

const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

type Role = "anonymous" | "referrer" | "specialist" | "reviewer" | "admin";
const ACCOUNTS: Record<Exclude<Role, "anonymous">, { email: string; home: string }> = {
  referrer: { email: "referrer@northside.test", home: "/clinic" },
  specialist: { email: "specialist2@demo.test", home: "/specialist" },
  // The seed's specialist holds a claim: their batch review opens the reply workspace.
  reviewer: { email: "specialist@demo.test", home: "/specialist" },
  admin: { email: "admin@demo.test", home: "/admin" },
};

/** A screen: who sees it and where; `path` may be found at run time from a list page. */
type Screen = { name: string; role: Role; path: string | ((page: Page) => Promise<string>) };

/** The href of the first link under `list` whose href matches `pattern`. */
function firstLink(listPath: string, pattern: RegExp): (page: Page) => Promise<string> {
  return async (page) => {
    await page.goto(listPath);
    const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    const href = hrefs.find((h) => pattern.test(h));
    if (!href) throw new Error(`no link matching ${pattern} on ${listPath}`);
    return href;
  };
}

/** The review page of the first case waiting in the queue (read through the API, nothing claimed). */
async function firstQueued(page: Page): Promise<string> {
  const res = await page.request.get("/api/v1/queue");
  const body = (await res.json()) as { items: { id: string }[] };
  if (!body.items[0]) throw new Error("the queue is empty");
  return `/specialist/review?case=${body.items[0].id}`;
}

const UUID = "[0-9a-f-]{36}";
const SCREENS: Screen[] = [
  { name: "sign-in", role: "anonymous", path: "/sign-in" },
  { name: "set-password (expired link)", role: "anonymous", path: "/set-password?token=not-a-real-token" },
  { name: "clinic case list", role: "referrer", path: "/clinic" },
  { name: "clinic new referral wizard", role: "referrer", path: "/clinic/cases/new" },
  { name: "clinic case page (awaiting information)", role: "referrer", path: firstLink("/clinic?status=awaiting_info", new RegExp(`^/clinic/cases/${UUID}$`)) },
  { name: "clinic patients", role: "referrer", path: "/clinic/patients" },
  { name: "clinic offline photo step (no draft chosen)", role: "referrer", path: "/clinic/cases/offline" },
  { name: "clinic account", role: "referrer", path: "/account" },
  { name: "specialist home", role: "specialist", path: "/specialist" },
  { name: "specialist queue", role: "specialist", path: "/specialist/queue" },
  { name: "specialist batch review", role: "specialist", path: "/specialist/review" },
  { name: "specialist review of a queued case", role: "specialist", path: firstQueued },
  { name: "specialist reply workspace (held case)", role: "reviewer", path: "/specialist/review" },
  { name: "specialist templates", role: "specialist", path: "/specialist/templates" },
  { name: "mfa setup", role: "specialist", path: "/mfa/setup" },
  { name: "admin dashboard", role: "admin", path: "/admin" },
  { name: "admin users", role: "admin", path: "/admin/users" },
  { name: "admin user page", role: "admin", path: firstLink("/admin/users", new RegExp(`^/admin/users/${UUID}$`)) },
  { name: "admin clinics", role: "admin", path: "/admin/clinics" },
  { name: "admin settings", role: "admin", path: "/admin/settings" },
  { name: "admin audit log", role: "admin", path: "/admin/audit" },
  { name: "admin cases", role: "admin", path: "/admin/cases" },
  { name: "admin case page", role: "admin", path: firstLink("/admin/cases", new RegExp(`^/admin/cases/${UUID}$`)) },
  { name: "admin account", role: "admin", path: "/account" },
];

const signIns = new Map<Role, SavedSignIn>();
const paths = new Map<string, string>();

async function contextFor(browser: Browser, role: Role, viewport: { width: number; height: number }): Promise<BrowserContext> {
  return browser.newContext({ viewport, storageState: role === "anonymous" ? undefined : signIns.get(role) });
}

test.beforeAll(async ({ browser }) => {
  for (const [role, { email, home }] of Object.entries(ACCOUNTS)) signIns.set(role as Role, await savedSignIn(browser, email, home));
  // Resolve the screens found from list pages once, so both viewports check the same page.
  for (const s of SCREENS) {
    if (typeof s.path === "string") continue;
    const context = await contextFor(browser, s.role, VIEWPORTS.desktop);
    paths.set(s.name, await s.path(await context.newPage()));
    await context.close();
  }
});

for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
  for (const screen of SCREENS) {
    test(`${screen.name} (${screen.role}, ${viewportName}) has no serious or critical axe violation`, async ({ browser }) => {
      const context = await contextFor(browser, screen.role, viewport);
      const page = await context.newPage();
      const path = typeof screen.path === "string" ? screen.path : paths.get(screen.name)!;
      const response = await page.goto(path);
      expect(response?.status(), `${path} answers`).toBeLessThan(400);
      await expect(page.locator("h1").first()).toBeVisible();
      await page.waitForLoadState("networkidle");
      expect(await blockingViolations(page), `${screen.name} at ${path} on ${viewportName}`).toEqual([]);
      await context.close();
    });
  }
}
