/**
 * Credential checks for sign-in: argon2id verification, a generic answer whatever went wrong,
 * temporary lockout after repeated failures, and an audit row for every attempt.
 */
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { audit } from "../audit/record";
import { verifyMfaCode } from "./mfa";
import { verifyPassword } from "./password";
import { recordSignInFailure, signInRetryAfter } from "./rate-limit";
import { ACTOR_COLUMNS, createSession } from "./sessions";
import type { Actor } from "./actor";

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(256),
});

/** Too many attempts: the caller answers 429 (API) or a generic "try again later" (page). */
export class SignInThrottled extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("too many sign-in attempts");
  }
}

/** The password was right and the account uses two-factor sign-in: ask for the code. */
export class MfaCodeRequired extends Error {
  constructor() {
    super("one-time code required");
  }
}

export type SignInAttempt = { email: unknown; password: unknown; code?: unknown; ip: string | null; requestId: string };

/** One more consecutive failure; the account locks for LOCKOUT_MS when they reach the maximum. */
async function countFailure(db: Db, userId: string, now: Date): Promise<void> {
  await db
    .update(users)
    .set({
      failedSignIns: sql`${users.failedSignIns} + 1`,
      lockedUntil: sql`case when ${users.failedSignIns} + 1 >= ${MAX_FAILED_SIGN_INS} then ${new Date(now.getTime() + LOCKOUT_MS)} else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, userId));
}

/**
 * Check credentials and open a session. Returns the actor (with its new session id) or null; the
 * caller shows one generic message for every null, so nobody learns which part was wrong.
 */
export async function authenticate(db: Db, attempt: SignInAttempt, now = new Date()): Promise<Actor | null> {
  const parsed = credentialsSchema.safeParse({ email: attempt.email, password: attempt.password });
  const ctx = { requestId: attempt.requestId, ip: attempt.ip };
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const retryAfter = await signInRetryAfter(attempt.ip, email);
  if (retryAfter > 0) {
    await audit(db, { ...ctx, actor: null }, { action: "auth.sign_in", resourceType: "user", outcome: "denied", details: { reason: "rate_limited" } });
    throw new SignInThrottled(retryAfter);
  }
  const [user] = await db
    .select({
      ...ACTOR_COLUMNS,
      passwordHash: users.passwordHash,
      lockedUntil: users.lockedUntil,
      mfaSecret: users.mfaSecret,
      mfaLastStep: users.mfaLastStep,
      mfaRecoveryCodes: users.mfaRecoveryCodes,
    })
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`);

  const passwordOk = await verifyPassword(user?.passwordHash, password);
  if (!user) {
    await recordSignInFailure(attempt.ip, email);
    await audit(db, { ...ctx, actor: null }, { action: "auth.sign_in", resourceType: "user", outcome: "denied", details: { reason: "unknown_account" } });
    return null;
  }
  const actorCtx = { ...ctx, actor: { ...user, sessionId: null } };
  const locked = user.lockedUntil !== null && user.lockedUntil > now;
  if (!user.active || locked || !passwordOk) {
    const reason = !user.active ? "inactive" : locked ? "locked" : "bad_password";
    await recordSignInFailure(attempt.ip, email);
    if (reason === "bad_password") {
      await countFailure(db, user.id, now);
    }
    await audit(db, actorCtx, { action: "auth.sign_in", resourceType: "user", resourceId: user.id, outcome: "denied", details: { reason } });
    return null;
  }
  if (user.mfaEnabledAt) {
    if (attempt.code === undefined || attempt.code === null || attempt.code === "") throw new MfaCodeRequired();
    if (!(await verifyMfaCode(db, user, attempt.code))) {
      await recordSignInFailure(attempt.ip, email);
      await countFailure(db, user.id, now);
      await audit(db, actorCtx, { action: "auth.sign_in", resourceType: "user", resourceId: user.id, outcome: "denied", details: { reason: "bad_code" } });
      return null;
    }
  }
  await db.update(users).set({ failedSignIns: 0, lockedUntil: null, lastSignInAt: now }).where(eq(users.id, user.id));
  const sessionId = await createSession(db, user.id, attempt.ip);
  await audit(db, actorCtx, { action: "auth.sign_in", resourceType: "user", resourceId: user.id });
  return { id: user.id, role: user.role, clinicId: user.clinicId, email: user.email, name: user.name, sessionId };
}
