/**
 * Server-side sessions behind the JWT cookie. The cookie carries only a session id; this table
 * decides whether it is still good, so idle timeout (SESSION_IDLE_MINUTES, at most 15), absolute
 * lifetime (12 h), sign-out everywhere and deactivation take effect on the very next request. Only
 * requests a person made move last-seen forward (lib/auth/activity.ts).
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { userSessions, users } from "../db/schema";
import type { Actor } from "./actor";
import { IDLE_TIMEOUT_MS } from "./activity";
import { mfaRequiredFor } from "./mfa";
import { cachedActor, forgetSession, forgetUser, readTicket, rememberActor } from "./session-cache";

export { IDLE_TIMEOUT_MS };
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** lastSeenAt is refreshed at most this often, to spare a write per request. */
const TOUCH_INTERVAL_MS = 30 * 1000;

/** The user columns an Actor is built from, for resuming a session and for signing in. */
export const ACTOR_COLUMNS = {
  id: users.id,
  role: users.role,
  clinicId: users.clinicId,
  email: users.email,
  name: users.name,
  active: users.active,
  mfaEnabledAt: users.mfaEnabledAt,
};

/** Open a session for `userId`; returns its id for the JWT. */
export async function createSession(db: Db, userId: string, ip: string | null): Promise<string> {
  const [row] = await db.insert(userSessions).values({ userId, ip }).returning({ id: userSessions.id });
  return row!.id;
}

/**
 * The actor behind a live session, or null when it is unknown, revoked, idle, too old or the user is
 * inactive. A session seen in the last 30 seconds is answered from the per-process cache
 * (lib/auth/session-cache.ts), which every revocation and user change clears at once. With
 * `touch: false` (a background request) the session is checked but not extended.
 */
export async function resolveSession(db: Db, sessionId: string, now = new Date(), opts: { touch?: boolean } = {}): Promise<Actor | null> {
  const touch = opts.touch ?? true;
  const hit = cachedActor(sessionId, now.getTime());
  if (hit) return hit;
  const ticket = readTicket();
  const [row] = await db
    .select({
      sessionId: userSessions.id,
      createdAt: userSessions.createdAt,
      lastSeenAt: userSessions.lastSeenAt,
      revokedAt: userSessions.revokedAt,
      ...ACTOR_COLUMNS,
    })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(eq(userSessions.id, sessionId));
  if (!row || row.revokedAt || !row.active) return null;
  const idle = now.getTime() - row.lastSeenAt.getTime() > IDLE_TIMEOUT_MS;
  const expired = now.getTime() - row.createdAt.getTime() > ABSOLUTE_TIMEOUT_MS;
  if (idle || expired) {
    await revokeSession(db, sessionId, now);
    return null;
  }
  let lastSeenAt = row.lastSeenAt.getTime();
  if (touch && now.getTime() - lastSeenAt > TOUCH_INTERVAL_MS) {
    await db.update(userSessions).set({ lastSeenAt: now }).where(eq(userSessions.id, sessionId));
    lastSeenAt = now.getTime();
  }
  const mfaSetupRequired = mfaRequiredFor(row.role) && !row.mfaEnabledAt;
  const actor: Actor = { id: row.id, role: row.role, clinicId: row.clinicId, email: row.email, name: row.name, sessionId, mfaSetupRequired };
  // Good from the cache until the next touch is due (long before the idle limit), never past the absolute one.
  rememberActor(ticket, sessionId, actor, Math.min(lastSeenAt + TOUCH_INTERVAL_MS, row.createdAt.getTime() + ABSOLUTE_TIMEOUT_MS));
  return actor;
}

/** End one session (sign-out). */
export async function revokeSession(db: Db, sessionId: string, now = new Date()): Promise<void> {
  await db
    .update(userSessions)
    .set({ revokedAt: now })
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt)));
  forgetSession(sessionId);
}

/** End every live session of a user (sign-out everywhere, deactivation, password change). */
export async function revokeAllSessions(db: Db, userId: string, now = new Date()): Promise<number> {
  const rows = await db
    .update(userSessions)
    .set({ revokedAt: now })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt)))
    .returning({ id: userSessions.id });
  forgetUser(userId);
  return rows.length;
}

/**
 * A person's action that made no other request (typing a long reply): move last-seen to now at
 * once, and say when the session will end without another one.
 */
export async function recordActivity(db: Db, sessionId: string, now = new Date()): Promise<Date> {
  await db
    .update(userSessions)
    .set({ lastSeenAt: now })
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt)));
  return new Date(now.getTime() + IDLE_TIMEOUT_MS);
}

/** When the session ends unless a person acts first (null when it is gone). Reads, never extends. */
export async function idleDeadline(db: Db, sessionId: string): Promise<Date | null> {
  const [row] = await db
    .select({ lastSeenAt: userSessions.lastSeenAt, revokedAt: userSessions.revokedAt })
    .from(userSessions)
    .where(eq(userSessions.id, sessionId));
  if (!row || row.revokedAt) return null;
  return new Date(row.lastSeenAt.getTime() + IDLE_TIMEOUT_MS);
}

/** Test and maintenance helper: age a session as if it had been idle since `at`. */
export async function setLastSeen(db: Db, sessionId: string, at: Date): Promise<void> {
  await db.update(userSessions).set({ lastSeenAt: at }).where(eq(userSessions.id, sessionId));
  forgetSession(sessionId);
}

