/**
 * APP_URL with a trailing slash (SPEC §13: the assertion's `aud` is the token URL): lib/env.ts
 * drops it once, so the token URL the token endpoint checks, the one the SMART configuration and
 * the CapabilityStatement advertise, the redirect URI and the FHIR base all agree, without `//`.
 */
import { afterEach, describe, expect, it, vi } from "vitest";

const saved = process.env.APP_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.APP_URL;
  else process.env.APP_URL = saved;
  vi.resetModules();
});

async function urlsFor(appUrl: string) {
  process.env.APP_URL = appUrl;
  vi.resetModules();
  const { env } = await import("@/lib/env");
  const { tokenUrl } = await import("@/lib/smart/backend-token");
  const { redirectUri } = await import("@/lib/smart/oauth");
  const { fhirBase } = await import("@/lib/fhir/codes");
  const { smartConfiguration } = await import("@/lib/fhir/capability");
  const smart = smartConfiguration();
  return { appUrl: env.APP_URL, tokenUrl: tokenUrl(), redirectUri: redirectUri(), fhirBase: fhirBase(), advertised: smart.token_endpoint, issuer: smart.issuer };
}

describe("APP_URL normalisation", () => {
  it.each(["https://dermrelay.example/", "https://dermrelay.example//", "https://dermrelay.example"])("%s gives one token URL everywhere", async (appUrl) => {
    expect(await urlsFor(appUrl)).toEqual({
      appUrl: "https://dermrelay.example",
      tokenUrl: "https://dermrelay.example/oauth/token",
      redirectUri: "https://dermrelay.example/smart/callback",
      fhirBase: "https://dermrelay.example/fhir/R4",
      advertised: "https://dermrelay.example/oauth/token",
      issuer: "https://dermrelay.example",
    });
  });

  it("keeps a path prefix, dropping only the trailing slash", async () => {
    expect((await urlsFor("https://host.example/dermrelay/")).tokenUrl).toBe("https://host.example/dermrelay/oauth/token");
  });
});
