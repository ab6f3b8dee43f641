import { expect, test } from "@playwright/test";

test("every page carries the security headers and a per-request CSP nonce that scripts use", async ({ page }) => {
  const first = await page.goto("/sign-in");
  const h = first!.headers();
  expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(h["content-security-policy"]).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["strict-transport-security"]).toMatch(/max-age=\d+/);
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("no-referrer");
  expect(h["permissions-policy"]).toContain("camera=(self)");
  const nonce = /'nonce-([^']+)'/.exec(h["content-security-policy"]!)![1];
  const scriptNonces = await page.locator("script[nonce]").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
  // The page hydrated under that policy: the client-side form works.
  await page.getByLabel("Email").fill("x@y.z");
  await expect(page.getByLabel("Email")).toHaveValue("x@y.z");
  const second = await page.goto("/sign-in");
  expect(second!.headers()["content-security-policy"]).not.toContain(nonce!);
});

test("API responses are private and not sniffable", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.headers()["cache-control"]).toBe("private, no-store");
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  const anon = await request.get("/api/v1/me");
  expect(anon.status()).toBe(401);
  expect(await anon.json()).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
});
