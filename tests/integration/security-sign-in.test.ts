import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as createPatientRoute } from "@/app/api/v1/patients/route";
import { POST as credentialsPost } from "@/app/api/auth/[...nextauth]/route";
import { db } from "@/lib/db/client";
import { auditEvents } from "@/lib/db/schema";
import { authenticate, SignInThrottled } from "@/lib/auth/sign-in";
import { SIGN_IN_LIMITS } from "@/lib/auth/rate-limit";
import { apiRequest, createClinic, createUser, params, sessionCookie, TEST_PASSWORD } from "../support/factories";

const from = (ip: string, email: string, password: string) => ({ email, password, ip, requestId: "req-rate-limit" });

describe("sign-in throttling", () => {
  it("lets 60 successful sign-ins a minute from one address through", async () => {
    const user = await createUser("specialist");
    for (let i = 0; i < 60; i++) expect(await authenticate(db, from("198.51.100.7", user.email, TEST_PASSWORD))).not.toBeNull();
  });

  it("answers 'throttled' after repeated failures on one account, from any address, and audits it", async () => {
    const user = await createUser("referrer", (await createClinic()).id);
    for (let i = 0; i < SIGN_IN_LIMITS.failuresPerAccount.limit; i++) {
      expect(await authenticate(db, from(`203.0.113.${i}`, user.email, "guess"))).toBeNull();
    }
    await expect(authenticate(db, from("203.0.113.200", user.email, TEST_PASSWORD))).rejects.toBeInstanceOf(SignInThrottled);
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "auth.sign_in"), sql`${auditEvents.details}->>'reason' = 'rate_limited'`));
    expect(rows.length).toBeGreaterThanOrEqual(1);
  });

  it("throttles an address that tries too many accounts", async () => {
    const ip = "192.0.2.99";
    let throttled = false;
    for (let i = 0; i <= SIGN_IN_LIMITS.failuresPerIp.limit && !throttled; i++) {
      try {
        await authenticate(db, from(ip, `nobody-${i}@test.example`, "guess"));
      } catch (err) {
        expect(err).toBeInstanceOf(SignInThrottled);
        throttled = true;
      }
    }
    expect(throttled).toBe(true);
  });
});

describe("cross-site writes", () => {
  it("refuses a cookie-authenticated POST from another origin, accepts the app's own", async () => {
    const referrer = await createUser("referrer", (await createClinic()).id);
    const { cookie } = await sessionCookie(referrer);
    const body = { mrn: `O-${Date.now()}`, givenName: "Ada", familyName: "Byron", birthDate: "1990-01-01", sex: "female" };
    const evil = await createPatientRoute(apiRequest("/api/v1/patients", { cookie, json: body, headers: { origin: "https://evil.example" } }), params({}));
    expect(evil.status).toBe(403);
    const own = await createPatientRoute(apiRequest("/api/v1/patients", { cookie, json: body, headers: { origin: "http://localhost:3000" } }), params({}));
    expect(own.status).toBe(201);
  });

  it("a forged x-middleware-subrequest header grants nothing", async () => {
    const res = await createPatientRoute(
      apiRequest("/api/v1/patients", { json: {}, headers: { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" } }),
      params({}),
    );
    expect(res.status).toBe(401);
  });
});

describe("sign-in over HTTP", () => {
  it("answers a throttled credentials POST with 429 and Retry-After, before Auth.js runs", async () => {
    const user = await createUser("admin");
    for (let i = 0; i < SIGN_IN_LIMITS.failuresPerAccount.limit; i++) await authenticate(db, from(`198.18.0.${i}`, user.email, "guess"));
    const form = new URLSearchParams({ email: user.email, password: TEST_PASSWORD, csrfToken: "x" });
    const res = await credentialsPost(
      new Request("http://localhost:3000/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "198.18.1.1" },
        body: form,
      }),
    );
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await res.json()).error.code).toBe("rate_limited");
  });
});
