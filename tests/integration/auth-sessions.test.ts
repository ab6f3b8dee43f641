import { eq, and } from "drizzle-orm";
import { Client } from "pg";
import { describe, expect, it, vi } from "vitest";
import { GET as me } from "@/app/api/v1/me/route";
import { POST as changePasswordRoute } from "@/app/api/v1/me/password/route";
import { POST as signOutEverywhereRoute } from "@/app/api/v1/me/sign-out-everywhere/route";
import { db } from "@/lib/db/client";
import { auditEvents, users } from "@/lib/db/schema";
import { authenticate, MAX_FAILED_SIGN_INS } from "@/lib/auth/sign-in";
import { IDLE_TIMEOUT_MS, resolveSession, revokeAllSessions, revokeSession, setLastSeen } from "@/lib/auth/sessions";
import { cachedActor, forgetSession, readTicket, rememberActor, sessionCacheListening, stopSessionCache } from "@/lib/auth/session-cache";
import { apiRequest, createClinic, createUser, params, sessionCookie, TEST_PASSWORD } from "../support/factories";

const attempt = (email: string, password: string) => ({ email, password, ip: "10.0.0.1", requestId: "req-test-0001" });

describe("sign-in", () => {
  it("opens a session for correct credentials, case-insensitively on email, and audits it", async () => {
    const clinic = await createClinic();
    const user = await createUser("referrer", clinic.id);
    const actor = await authenticate(db, attempt(user.email.toUpperCase(), TEST_PASSWORD));
    expect(actor).toMatchObject({ id: user.id, role: "referrer", clinicId: clinic.id });
    expect(actor!.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const rows = await db.select().from(auditEvents).where(and(eq(auditEvents.resourceId, user.id), eq(auditEvents.action, "auth.sign_in")));
    expect(rows.map((r) => r.outcome)).toEqual(["success"]);
  });

  it("refuses a wrong password, an unknown account and malformed input alike", async () => {
    const user = await createUser("specialist");
    expect(await authenticate(db, attempt(user.email, "wrong"))).toBeNull();
    expect(await authenticate(db, attempt("nobody@test.example", TEST_PASSWORD))).toBeNull();
    expect(await authenticate(db, { email: 42, password: null, ip: null, requestId: "req-test-0002" })).toBeNull();
    const [row] = await db.select({ failed: users.failedSignIns }).from(users).where(eq(users.id, user.id));
    expect(row!.failed).toBe(1);
  });

  it("locks the account after repeated failures, even against the right password", async () => {
    const user = await createUser("admin");
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) expect(await authenticate(db, attempt(user.email, "nope"))).toBeNull();
    expect(await authenticate(db, attempt(user.email, TEST_PASSWORD))).toBeNull();
    const denied = await db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.resourceId, user.id), eq(auditEvents.outcome, "denied")));
    expect(denied.at(-1)!.details).toEqual({ reason: "locked" });
    // Lock expired: the right password works again and resets the counter.
    await db.update(users).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(users.id, user.id));
    expect(await authenticate(db, attempt(user.email, TEST_PASSWORD))).not.toBeNull();
  });

  it("refuses a deactivated account", async () => {
    const user = await createUser("specialist", null, { active: false });
    expect(await authenticate(db, attempt(user.email, TEST_PASSWORD))).toBeNull();
  });
});

describe("server-side sessions", () => {
  it("ends a session idle for more than 15 minutes", async () => {
    const user = await createUser("specialist");
    const { sessionId } = await sessionCookie(user);
    expect(await resolveSession(db, sessionId)).not.toBeNull();
    await setLastSeen(db, sessionId, new Date(Date.now() - IDLE_TIMEOUT_MS - 1000));
    expect(await resolveSession(db, sessionId)).toBeNull();
    // and it stays ended even if activity resumes
    await setLastSeen(db, sessionId, new Date());
    expect(await resolveSession(db, sessionId)).toBeNull();
  });

  it("stops a deactivated user's live session as soon as the change is announced, whoever makes it", async () => {
    const user = await createUser("specialist");
    const { cookie } = await sessionCookie(user);
    const ok = await me(apiRequest("/api/v1/me", { cookie }), params({}));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: user.id, role: "specialist", clinicId: null, email: user.email });
    // A bare SQL update, not the admin service: only the database trigger's notification can tell the cache.
    await db.update(users).set({ active: false }).where(eq(users.id, user.id));
    const denied = await vi.waitFor(
      async () => {
        const res = await me(apiRequest("/api/v1/me", { cookie }), params({}));
        expect(res.status).toBe(401);
        return res;
      },
      { timeout: 2_000, interval: 5 },
    );
    expect(await denied.json()).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
  });

  it("sign-out everywhere revokes every session of the user", async () => {
    const user = await createUser("referrer", (await createClinic()).id);
    const a = await sessionCookie(user);
    const b = await sessionCookie(user);
    expect(await revokeAllSessions(db, user.id)).toBe(2);
    for (const s of [a, b]) expect((await me(apiRequest("/api/v1/me", { cookie: s.cookie }), params({}))).status).toBe(401);
  });

  it("answers 401 without a cookie and with a forged one", async () => {
    expect((await me(apiRequest("/api/v1/me"), params({}))).status).toBe(401);
    const forged = await me(apiRequest("/api/v1/me", { cookie: "authjs.session-token=eyJhbGciOiJub25lIn0.e30." }), params({}));
    expect(forged.status).toBe(401);
  });
});

describe("the per-process session cache", () => {
  /** A live session whose actor the cache holds (it is listening, and the last read was remembered). */
  async function cachedSession() {
    const user = await createUser("specialist");
    const { sessionId } = await sessionCookie(user);
    await resolveSession(db, sessionId);
    await vi.waitFor(() => expect(sessionCacheListening()).toBe(true), { timeout: 2_000, interval: 5 });
    forgetSession(sessionId);
    const actor = await resolveSession(db, sessionId);
    expect(cachedActor(sessionId, Date.now())).toEqual(actor);
    return { user, sessionId, actor: actor! };
  }

  /** Run `statement` on a connection of its own; `silently` turns triggers off (what the cache relies on). */
  async function outOfBand(statement: string, values: unknown[], silently = false) {
    const c = new Client({ connectionString: process.env.MIGRATION_DATABASE_URL });
    await c.connect();
    try {
      if (silently) await c.query("set session_replication_role = replica");
      await c.query(statement, values);
    } finally {
      await c.end();
    }
  }

  it("answers a repeat request from memory, and forgets at once what the app itself revokes", async () => {
    const { sessionId, actor } = await cachedSession();
    // With its trigger switched off, a revocation goes unannounced: the cache still answers, which shows
    // it really serves repeat requests (and why migration 0005's triggers must never be dropped).
    await outOfBand("update user_sessions set revoked_at = now() where id = $1", [sessionId], true);
    expect(await resolveSession(db, sessionId)).toEqual(actor);
    await revokeSession(db, sessionId);
    expect(await resolveSession(db, sessionId)).toBeNull();
  });

  it("ends a session revoked by another writer as soon as the trigger's notification arrives", async () => {
    const { sessionId } = await cachedSession();
    await outOfBand("update user_sessions set revoked_at = now() where id = $1", [sessionId]);
    await vi.waitFor(async () => expect(await resolveSession(db, sessionId)).toBeNull(), { timeout: 2_000, interval: 5 });
  });

  it("applies a role change made by another writer to the next request after the notification", async () => {
    const { user, sessionId } = await cachedSession();
    await outOfBand("update users set role = 'admin' where id = $1", [user.id]);
    await vi.waitFor(async () => expect((await resolveSession(db, sessionId))?.role).toBe("admin"), { timeout: 2_000, interval: 5 });
  });

  it("does not put back what a read found if anything changed while it ran", async () => {
    const { sessionId, actor } = await cachedSession();
    forgetSession(sessionId);
    const ticket = readTicket();
    forgetSession(crypto.randomUUID()); // some change lands while the read is in flight
    rememberActor(ticket, sessionId, actor, Date.now() + 30_000);
    expect(cachedActor(sessionId, Date.now())).toBeNull();
    rememberActor(readTicket(), sessionId, actor, Date.now() + 30_000);
    expect(cachedActor(sessionId, Date.now())).toEqual(actor);
  });

  it("reads the database, not memory, while it cannot hear changes", async () => {
    const { sessionId } = await cachedSession();
    await stopSessionCache();
    await outOfBand("update user_sessions set revoked_at = now() where id = $1", [sessionId], true);
    expect(await resolveSession(db, sessionId)).toBeNull();
  });
});

describe("own account", () => {
  it("changing the password ends every session; the old password stops working", async () => {
    const user = await createUser("specialist");
    const a = await sessionCookie(user);
    const b = await sessionCookie(user);
    const change = (cookie: string, body: unknown) =>
      changePasswordRoute(apiRequest("/api/v1/me/password", { cookie, json: body }), params({}));
    const wrong = await change(a.cookie, { currentPassword: "nope", newPassword: "a much better passphrase" });
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).error.fields.currentPassword).toBeDefined();
    expect((await change(a.cookie, { currentPassword: TEST_PASSWORD, newPassword: "short" })).status).toBe(422);
    const ok = await change(a.cookie, { currentPassword: TEST_PASSWORD, newPassword: "a much better passphrase" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ sessionsEnded: 2 });
    for (const s of [a, b]) expect((await me(apiRequest("/api/v1/me", { cookie: s.cookie }), params({}))).status).toBe(401);
    expect(await authenticate(db, attempt(user.email, TEST_PASSWORD))).toBeNull();
    expect(await authenticate(db, attempt(user.email, "a much better passphrase"))).not.toBeNull();
  });

  it("sign-out everywhere over the API", async () => {
    const user = await createUser("admin");
    const a = await sessionCookie(user);
    const b = await sessionCookie(user);
    const res = await signOutEverywhereRoute(apiRequest("/api/v1/me/sign-out-everywhere", { cookie: a.cookie, method: "POST" }), params({}));
    expect(await res.json()).toEqual({ sessionsEnded: 2 });
    expect((await me(apiRequest("/api/v1/me", { cookie: b.cookie }), params({}))).status).toBe(401);
  });
});
