/** Which requests count as a person's action (SPEC §9 automatic logoff). */
import { describe, expect, it } from "vitest";
import { BACKGROUND_HEADERS, isBackgroundRequest } from "@/lib/auth/background";

const h = (init: Record<string, string>) => new Headers(init);
const APP = "http://localhost:3000";

describe("isBackgroundRequest", () => {
  it("marks our header, router prefetches, speculative loads and other sites' requests", () => {
    expect(isBackgroundRequest(h({ ...BACKGROUND_HEADERS }))).toBe(true);
    expect(isBackgroundRequest(h({ "next-router-prefetch": "1", rsc: "1" }))).toBe(true);
    expect(isBackgroundRequest(h({ "sec-purpose": "prefetch;prerender" }))).toBe(true);
    expect(isBackgroundRequest(h({ purpose: "prefetch" }))).toBe(true);
    expect(isBackgroundRequest(h({ "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isBackgroundRequest(h({ origin: "https://evil.example" }), APP)).toBe(true);
  });

  it("lets a person's navigation, click or same-origin write count", () => {
    expect(isBackgroundRequest(h({}))).toBe(false);
    expect(isBackgroundRequest(h({ rsc: "1", "sec-fetch-site": "same-origin" }))).toBe(false);
    expect(isBackgroundRequest(h({ origin: APP }), APP)).toBe(false);
    expect(isBackgroundRequest(h({ "x-dermrelay-background": "0" }))).toBe(false);
  });
});
