/**
 * Signing in through a launch. A linked EHR user is signed in to DermRelay without typing a
 * password only when DermRelay's own rules would not ask that user for a one-time code (no MFA
 * enrolled and none required for the role); anyone else goes through the sign-in form, code
 * included. The session is the same server-side row and Auth.js JWT cookie a form sign-in makes.
 */
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { env } from "../env";
import { audit } from "../audit/record";
import { SESSION_COOKIE_NAME } from "../auth/current";
import { mfaRequiredFor } from "../auth/mfa";
import { ABSOLUTE_TIMEOUT_MS, ACTOR_COLUMNS, createSession } from "../auth/sessions";

/** Whether `userId` may be signed in by the launch alone (active, and no one-time code applies). */
export async function maySignInByLaunch(db: Db, userId: string): Promise<boolean> {
  const [u] = await db.select({ active: users.active, role: users.role, mfaEnabledAt: users.mfaEnabledAt }).from(users).where(eq(users.id, userId));
  return !!u && u.active && !u.mfaEnabledAt && !mfaRequiredFor(u.role);
}

/** Open a session for `userId` and return the Auth.js cookie to set. */
export async function openLaunchSession(db: Db, userId: string, ip: string | null, requestId: string): Promise<{ name: string; value: string; maxAge: number; sessionId: string }> {
  const sessionId = await createSession(db, userId, ip);
  const [u] = await db.select(ACTOR_COLUMNS).from(users).where(eq(users.id, userId));
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, userId));
  await audit(db, { actor: { ...u!, sessionId }, requestId, ip }, { action: "auth.sign_in", resourceType: "user", resourceId: userId, details: { via: "smart_launch" } });
  const maxAge = ABSOLUTE_TIMEOUT_MS / 1000;
  const value = await encode({ token: { sub: userId, sid: sessionId }, secret: env.AUTH_SECRET, salt: SESSION_COOKIE_NAME, maxAge });
  return { name: SESSION_COOKIE_NAME, value, maxAge, sessionId };
}
