import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listUsersRoute, POST as inviteRoute } from "@/app/api/v1/users/route";
import { GET as getUserRoute, PATCH as patchUserRoute } from "@/app/api/v1/users/[id]/route";
import { POST as resendRoute } from "@/app/api/v1/users/[id]/invite/route";
import { GET as me } from "@/app/api/v1/me/route";
import { completeInvite, inspectInvite, issueInvite } from "@/lib/identity/invites";
import { actorFromHeaders } from "@/lib/auth/current";
import { authenticate } from "@/lib/auth/sign-in";
import { db } from "@/lib/db/client";
import { auditEvents, userInvites, users } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { apiRequest, createClinic, createUser, params, sessionCookie } from "../support/factories";
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from "../support/smtp";

let inbox: ReceivedMail[] = [];
let server: TestSmtpServer;
const originalSmtp = env.SMTP_URL;

beforeAll(async () => {
  server = await startSmtpServer();
  inbox = server.inbox;
  // Test-only: point the mailer (which reads env at call time) at this real SMTP server.
  env.SMTP_URL = server.url;
});

afterAll(async () => {
  env.SMTP_URL = originalSmtp;
  await server.close();
});

/** The set-password token in the last mail to `to` (quoted-printable soft breaks undone). */
function tokenFromMail(to: string): string {
  const mail = inbox.filter((m) => m.to.includes(to)).at(-1);
  const body = mail!.raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  return /set-password\?token=([A-Za-z0-9_-]{43})/.exec(body)![1]!;
}

const SECRET_KEYS = /passwordHash|password_hash|tokenHash|token_hash|mfaSecret|mfa_secret|recovery/i;

describe("users: invite and set password", () => {
  it("invites by e-mail; the link works once, then never; responses carry no secrets", async () => {
    const admin = await createUser("admin");
    const { cookie } = await sessionCookie(admin);
    const clinic = await createClinic();
    const email = `new-${Date.now()}@test.example`;
    const res = await inviteRoute(apiRequest("/api/v1/users", { cookie, json: { email, name: "Dr New", role: "referrer", clinicId: clinic.id } }), params({}));
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).not.toMatch(SECRET_KEYS);
    const body = JSON.parse(text);
    expect(body.user).toMatchObject({ email, role: "referrer", clinicId: clinic.id, active: true, hasPassword: false });
    expect(body.invite.emailed).toBe(true);
    expect(body.user.invitePendingUntil).not.toBeNull();

    const mail = inbox.filter((m) => m.to.includes(email)).at(-1)!;
    expect(mail.raw).toMatch(/Subject: Your DermRelay account: set your password/);
    const token = tokenFromMail(email);
    // Only the hash is stored.
    const stored = await db.select({ h: userInvites.tokenHash }).from(userInvites).where(eq(userInvites.userId, body.user.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.h).not.toContain(token);
    // Not able to sign in before the password is set.
    expect(await authenticate(db, { email, password: "whatever-long-password", ip: null, requestId: "req-invite-01" })).toBeNull();

    expect(await inspectInvite(db, token)).toMatchObject({ email });
    const sys = { actor: null, requestId: "req-invite-02", ip: "127.0.0.1" };
    await expect(completeInvite(db, sys, { token, password: "short", confirm: "short" })).rejects.toMatchObject({ code: "invalid", fields: { password: expect.any(Array) } });
    await expect(completeInvite(db, sys, { token, password: "a-long-enough-password", confirm: "different-password!" })).rejects.toMatchObject({ fields: { confirm: expect.any(Array) } });
    await completeInvite(db, sys, { token, password: "a-long-enough-password", confirm: "a-long-enough-password" });
    expect(await authenticate(db, { email, password: "a-long-enough-password", ip: null, requestId: "req-invite-03" })).not.toBeNull();

    // Second use: refused, and the password stays the first one.
    await expect(completeInvite(db, sys, { token, password: "another-long-password", confirm: "another-long-password" })).rejects.toMatchObject({ code: "invalid", fields: { token: expect.any(Array) } });
    expect(await inspectInvite(db, token)).toBeNull();
    expect(await authenticate(db, { email, password: "another-long-password", ip: null, requestId: "req-invite-04" })).toBeNull();
    const denied = await db.select({ outcome: auditEvents.outcome, details: auditEvents.details }).from(auditEvents).where(eq(auditEvents.resourceId, body.user.id));
    expect(denied.some((r) => r.outcome === "denied" && (r.details as { reason?: string })?.reason === "used")).toBe(true);
  });

  it("refuses an expired link and one superseded by a newer invite", async () => {
    const admin = await createUser("admin");
    const { cookie } = await sessionCookie(admin);
    const user = await createUser("specialist");
    const sys = { actor: null, requestId: "req-invite-05", ip: null };
    const old = await issueInvite(db, user.id, admin.id, new Date(Date.now() - 73 * 3600_000));
    await expect(completeInvite(db, sys, { token: old.token, password: "a-long-enough-password", confirm: "a-long-enough-password" })).rejects.toMatchObject({ code: "invalid" });

    const first = await issueInvite(db, user.id, admin.id);
    const res = await resendRoute(apiRequest(`/api/v1/users/${user.id}/invite`, { cookie, method: "POST" }), params({ id: user.id }));
    expect(res.status).toBe(201);
    expect(await inspectInvite(db, first.token)).toBeNull();
    const fresh = tokenFromMail(user.email);
    await completeInvite(db, sys, { token: fresh, password: "a-long-enough-password", confirm: "a-long-enough-password" });
  });

  it("validates invites: duplicate e-mail, referrer without clinic, clinic for a specialist", async () => {
    const admin = await createUser("admin");
    const { cookie } = await sessionCookie(admin);
    const existing = await createUser("specialist");
    const cases = [
      [{ email: existing.email.toUpperCase(), name: "X", role: "specialist" }, "email"],
      [{ email: "a@test.example", name: "X", role: "referrer" }, "clinicId"],
      [{ email: "b@test.example", name: "X", role: "specialist", clinicId: (await createClinic()).id }, "clinicId"],
      [{ email: "not-an-email", name: "X", role: "admin" }, "email"],
      [{ email: "c@test.example", name: "X", role: "owner" }, "role"],
    ] as const;
    for (const [json, field] of cases) {
      const res = await inviteRoute(apiRequest("/api/v1/users", { cookie, json }), params({}));
      expect(res.status, JSON.stringify(json)).toBe(422);
      expect(Object.keys((await res.json()).error.fields)).toContain(field);
    }
  });
});

describe("users: role, clinic, deactivation", () => {
  it("deactivating a signed-in user: their next API call is 401 and the page guard sees no one", async () => {
    const admin = await createUser("admin");
    const { cookie } = await sessionCookie(admin);
    const victim = await createUser("specialist");
    const victimSession = await sessionCookie(victim);
    expect((await me(apiRequest("/api/v1/me", { cookie: victimSession.cookie }), params({}))).status).toBe(200);

    const res = await patchUserRoute(apiRequest(`/api/v1/users/${victim.id}`, { cookie, method: "PATCH", json: { active: false } }), params({ id: victim.id }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: victim.id, active: false });

    expect((await me(apiRequest("/api/v1/me", { cookie: victimSession.cookie }), params({}))).status).toBe(401);
    // requirePageContext (every page) resolves the actor with this same call and redirects to /sign-in on null.
    expect(await actorFromHeaders(new Headers({ cookie: victimSession.cookie }))).toBeNull();
    // Reactivation does not resurrect the old session.
    await patchUserRoute(apiRequest(`/api/v1/users/${victim.id}`, { cookie, method: "PATCH", json: { active: true } }), params({ id: victim.id }));
    expect((await me(apiRequest("/api/v1/me", { cookie: victimSession.cookie }), params({}))).status).toBe(401);
    const actions = await db.select({ a: auditEvents.action }).from(auditEvents).where(eq(auditEvents.resourceId, victim.id));
    expect(actions.map((r) => r.a)).toEqual(expect.arrayContaining(["user.deactivate", "user.reactivate"]));
  });

  it("changes role and clinic consistently and refuses self-lockout", async () => {
    const admin = await createUser("admin");
    const { cookie } = await sessionCookie(admin);
    const clinic = await createClinic();
    const user = await createUser("specialist");
    const patch = (id: string, json: unknown) => patchUserRoute(apiRequest(`/api/v1/users/${id}`, { cookie, method: "PATCH", json }), params({ id }));

    expect((await patch(user.id, { role: "referrer" })).status).toBe(422); // a referrer needs a clinic
    const moved = await patch(user.id, { role: "referrer", clinicId: clinic.id });
    expect(await moved.json()).toMatchObject({ role: "referrer", clinicId: clinic.id, clinicName: clinic.name });
    const back = await patch(user.id, { role: "specialist" });
    expect(await back.json()).toMatchObject({ role: "specialist", clinicId: null });

    expect((await patch(admin.id, { active: false })).status).toBe(409);
    expect((await patch(admin.id, { role: "specialist" })).status).toBe(409);
    expect((await patch(user.id, { bogus: 1 })).status).toBe(422);
    expect((await patch("not-a-uuid", { active: false })).status).toBe(404);
  });

  it("lists users without secrets and filters them", async () => {
    const admin = await createUser("admin");
    const { cookie } = await sessionCookie(admin);
    const res = await listUsersRoute(apiRequest("/api/v1/users?role=admin&active=true", { cookie }), params({}));
    const text = await res.text();
    expect(text).not.toMatch(SECRET_KEYS);
    const { items } = JSON.parse(text);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((u: { role: string; active: boolean }) => u.role === "admin" && u.active)).toBe(true);
    const one = await getUserRoute(apiRequest(`/api/v1/users/${admin.id}`, { cookie }), params({ id: admin.id }));
    expect(await one.json()).toMatchObject({ id: admin.id, email: admin.email });
    const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, admin.id));
    expect(text).not.toContain(row!.hash!);
  });
});
