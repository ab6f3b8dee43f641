import { eq } from "drizzle-orm";
import * as OTPAuth from "otpauth";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { confirmMfaEnrolment, startMfaEnrolment } from "@/lib/auth/mfa";
import { authenticate, MfaCodeRequired } from "@/lib/auth/sign-in";
import { GET as me } from "@/app/api/v1/me/route";
import { GET as listCases } from "@/app/api/v1/cases/route";
import { env } from "@/lib/env";
import { apiRequest, createClinic, createUser, ctxOf, params, sessionCookie, TEST_PASSWORD } from "../support/factories";

const attempt = (email: string, code?: string) => ({ email, password: TEST_PASSWORD, code, ip: "10.9.9.9", requestId: "req-mfa-test" });
const totp = (secret: string) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 });
const codeAt = (secret: string, offsetSteps: number) => totp(secret).generate({ timestamp: Date.now() + offsetSteps * 30_000 });

async function enrolled() {
  const user = await createUser("specialist");
  const ctx = ctxOf(user);
  const { secret, uri, qrDataUrl } = await startMfaEnrolment(db, ctx);
  expect(uri).toMatch(/^otpauth:\/\/totp\/DermRelay/);
  expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
  const [row] = await db.select({ sealed: users.mfaSecret }).from(users).where(eq(users.id, user.id));
  expect(row!.sealed).not.toContain(secret); // encrypted at rest
  await expect(confirmMfaEnrolment(db, ctx, "000000")).rejects.toMatchObject({ code: "invalid" });
  const recovery = await confirmMfaEnrolment(db, ctx, codeAt(secret, -1));
  expect(recovery).toHaveLength(10);
  return { user, secret, recovery };
}

describe("two-factor sign-in", () => {
  it("asks for the code after a correct password, accepts a fresh code, refuses a wrong or replayed one", async () => {
    const { user, secret } = await enrolled();
    await expect(authenticate(db, attempt(user.email))).rejects.toBeInstanceOf(MfaCodeRequired);
    expect(await authenticate(db, attempt(user.email, "123456"))).toBeNull();
    const fresh = codeAt(secret, 0);
    expect(await authenticate(db, attempt(user.email, fresh))).not.toBeNull();
    expect(await authenticate(db, attempt(user.email, fresh))).toBeNull(); // replay
    expect(await authenticate(db, attempt(user.email, codeAt(secret, -1)))).toBeNull(); // older step than the last used
  });

  it("accepts each recovery code once", async () => {
    const { user, recovery } = await enrolled();
    expect(await authenticate(db, attempt(user.email, recovery[3]))).not.toBeNull();
    expect(await authenticate(db, attempt(user.email, recovery[3]))).toBeNull();
    const [row] = await db.select({ codes: users.mfaRecoveryCodes }).from(users).where(eq(users.id, user.id));
    expect(row!.codes).toHaveLength(9);
  });

  it("a wrong password never reveals that a code would be asked for", async () => {
    const { user } = await enrolled();
    expect(await authenticate(db, { ...attempt(user.email), password: "wrong" })).toBeNull();
  });
});

describe("roles that must use two-factor sign-in", () => {
  it("are refused everything but /me until they have set it up", async () => {
    const roles = env.MFA_REQUIRED_ROLES;
    roles.push("specialist"); // as MFA_REQUIRED_ROLES=specialist would configure it
    try {
      const user = await createUser("specialist");
      const { cookie } = await sessionCookie(user);
      const meRes = await me(apiRequest("/api/v1/me", { cookie }), params({}));
      expect(meRes.status).toBe(200);
      const refused = await listCases(apiRequest("/api/v1/cases", { cookie }), params({}));
      expect(refused.status).toBe(403);
      expect((await refused.json()).error.message).toMatch(/two-factor/);
      const ctx = ctxOf(user);
      const { secret } = await startMfaEnrolment(db, ctx);
      await confirmMfaEnrolment(db, ctx, codeAt(secret, 0));
      expect((await listCases(apiRequest("/api/v1/cases", { cookie }), params({}))).status).toBe(200);
      // A referrer is not required to enrol.
      const referrer = await createUser("referrer", (await createClinic()).id);
      expect((await listCases(apiRequest("/api/v1/cases", { cookie: (await sessionCookie(referrer)).cookie }), params({}))).status).toBe(200);
    } finally {
      roles.splice(roles.indexOf("specialist"), 1);
    }
  });
});
