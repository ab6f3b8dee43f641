/**
 * SPEC §9 "automatic logoff that holds", server side: background requests (notification polling,
 * claim heartbeats, router prefetches, the idle timer's own checks) are answered without extending
 * the session, so an open tab that only polls is signed out after SESSION_IDLE_MINUTES; a person's
 * request, or an activity report, extends it.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as notifications } from "@/app/api/v1/notifications/route";
import { GET as sessionClock, POST as reportActivity } from "@/app/api/session/route";
import { IDLE_MINUTES, IDLE_TIMEOUT_MS } from "@/lib/auth/activity";
import { BACKGROUND_HEADERS } from "@/lib/auth/background";
import { setLastSeen } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { userSessions } from "@/lib/db/schema";
import { apiRequest, createUser, params, sessionCookie } from "../support/factories";

const lastSeen = async (id: string) =>
  (await db.select({ at: userSessions.lastSeenAt }).from(userSessions).where(eq(userSessions.id, id)))[0]!.at.getTime();

async function idleSession(idleForMs: number) {
  const user = await createUser("referrer");
  const { cookie, sessionId } = await sessionCookie(user);
  const since = new Date(Date.now() - idleForMs);
  await setLastSeen(db, sessionId, since);
  return { cookie, sessionId, since: since.getTime() };
}

const ORIGIN = { origin: "http://localhost:3000" };

describe("automatic logoff", () => {
  it("answers background polls and prefetches without extending the session", async () => {
    const { cookie, sessionId, since } = await idleSession(IDLE_TIMEOUT_MS - 120_000);
    for (const headers of [BACKGROUND_HEADERS, { "next-router-prefetch": "1" }, { "sec-purpose": "prefetch" }]) {
      const res = await notifications(apiRequest("/api/v1/notifications?limit=8", { cookie, headers }), params({}));
      expect(res.status).toBe(200);
    }
    const clock = await sessionClock(apiRequest("/api/session", { cookie, headers: BACKGROUND_HEADERS }), params({}));
    expect(await clock.json()).toEqual({ idleMinutes: IDLE_MINUTES, idleExpiresAt: new Date(since + IDLE_TIMEOUT_MS).toISOString() });
    expect(await lastSeen(sessionId)).toBe(since);
  });

  it("signs out a tab that only polls once the idle limit passes", async () => {
    const { cookie, sessionId } = await idleSession(IDLE_TIMEOUT_MS - 120_000);
    expect((await notifications(apiRequest("/api/v1/notifications", { cookie, headers: BACKGROUND_HEADERS }), params({}))).status).toBe(200);
    // Two more minutes of nothing but polling.
    await setLastSeen(db, sessionId, new Date((await lastSeen(sessionId)) - 121_000));
    const res = await notifications(apiRequest("/api/v1/notifications", { cookie, headers: BACKGROUND_HEADERS }), params({}));
    expect(res.status).toBe(401);
    // And it stays ended: a person's request afterwards does not revive it.
    expect((await notifications(apiRequest("/api/v1/notifications", { cookie }), params({}))).status).toBe(401);
    const [row] = await db.select({ revokedAt: userSessions.revokedAt }).from(userSessions).where(eq(userSessions.id, sessionId));
    expect(row!.revokedAt).not.toBeNull();
  });

  it("extends the session on a person's request", async () => {
    const { cookie, sessionId, since } = await idleSession(IDLE_TIMEOUT_MS - 120_000);
    const before = Date.now();
    expect((await notifications(apiRequest("/api/v1/notifications", { cookie }), params({}))).status).toBe(200);
    expect(await lastSeen(sessionId)).toBeGreaterThanOrEqual(before - 5);
    expect(await lastSeen(sessionId)).toBeGreaterThan(since);
  });

  it("extends it at once on an activity report (typing without requests), and says until when", async () => {
    const { cookie, sessionId } = await idleSession(IDLE_TIMEOUT_MS - 30_000);
    const before = Date.now();
    const res = await reportActivity(apiRequest("/api/session", { cookie, method: "POST", headers: ORIGIN }), params({}));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { idleExpiresAt: string };
    expect(Date.parse(body.idleExpiresAt)).toBeGreaterThanOrEqual(before + IDLE_TIMEOUT_MS - 5);
    expect(await lastSeen(sessionId)).toBeGreaterThanOrEqual(before - 5);
  });

  it("refuses a cross-site activity report (it is a write on a cookie session)", async () => {
    const { cookie, sessionId, since } = await idleSession(60_000);
    const res = await reportActivity(apiRequest("/api/session", { cookie, method: "POST", headers: { origin: "https://evil.example" } }), params({}));
    expect(res.status).toBe(403);
    expect(await lastSeen(sessionId)).toBeLessThanOrEqual(since + 1);
  });
});
