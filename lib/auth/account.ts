/**
 * The signed-in user's own account: change password (which ends every session, this one
 * included) and sign out everywhere. Both audited.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { audit } from "../audit/record";
import { Invalid } from "../errors";
import { parseOrThrow } from "../validation";
import type { RequestContext } from "./actor";
import { hashPassword, verifyPassword } from "./password";
import { revokeAllSessions } from "./sessions";

export const MIN_PASSWORD_LENGTH = 12;

export const passwordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(256),
});

/** Change the actor's password after checking the current one; every session ends. */
export async function changePassword(db: Db, ctx: RequestContext, input: unknown): Promise<{ sessionsEnded: number }> {
  const data = parseOrThrow(passwordChangeSchema, input);
  const [user] = await db.select({ hash: users.passwordHash, email: users.email }).from(users).where(eq(users.id, ctx.actor.id));
  if (!(await verifyPassword(user?.hash, data.currentPassword))) throw Invalid("Validation failed", { currentPassword: ["The current password is not correct"] });
  if (data.newPassword.toLowerCase().includes(user!.email.split("@")[0]!.toLowerCase())) {
    throw Invalid("Validation failed", { newPassword: ["Choose a password that does not contain your e-mail name"] });
  }
  const hash = await hashPassword(data.newPassword);
  return db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash: hash, passwordChangedAt: new Date(), updatedAt: new Date() }).where(eq(users.id, ctx.actor.id));
    const sessionsEnded = await revokeAllSessions(tx, ctx.actor.id);
    await audit(tx, ctx, { action: "auth.password_change", resourceType: "user", resourceId: ctx.actor.id, details: { sessionsEnded } });
    return { sessionsEnded };
  });
}

/** End every session of the actor, on every device. */
export async function signOutEverywhere(db: Db, ctx: RequestContext): Promise<{ sessionsEnded: number }> {
  return db.transaction(async (tx) => {
    const sessionsEnded = await revokeAllSessions(tx, ctx.actor.id);
    await audit(tx, ctx, { action: "auth.sign_out_everywhere", resourceType: "user", resourceId: ctx.actor.id, details: { sessionsEnded } });
    return { sessionsEnded };
  });
}
