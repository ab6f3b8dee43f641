/**
 * Invitations: a single-use, expiring set-password link e-mailed to a new (or returning) user.
 * The raw token exists only in the e-mail; the database keeps its SHA-256, so a leaked database
 * cannot be turned into working links. Issuing a new link retires the user's older unused ones.
 */
import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Database, Db } from "../db/client";
import { userInvites, users } from "../db/schema";
import type { AnyContext } from "../auth/actor";
import { hashPassword } from "../auth/password";
import { revokeAllSessions } from "../auth/sessions";
import { audit, auditDenial } from "../audit/record";
import { env } from "../env";
import { DomainError } from "../errors";
import { sendMail } from "../notifications/mailer";
import { parseOrThrow } from "../validation";
import { sha256Hex } from "../digest";

/** How long a set-password link works. */
export const INVITE_TTL_MS = 72 * 60 * 60 * 1000;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The link a user follows to set their password. */
export function inviteLink(token: string): string {
  return `${env.APP_URL}/set-password?token=${encodeURIComponent(token)}`;
}

/**
 * Issue a new link for `userId` inside transaction `tx` (older unused links stop working).
 * Returns the raw token: send it, never store or log it.
 */
export async function issueInvite(tx: Db, userId: string, createdBy: string | null, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
  await tx
    .update(userInvites)
    .set({ expiresAt: now })
    .where(and(eq(userInvites.userId, userId), isNull(userInvites.usedAt), gt(userInvites.expiresAt, now)));
  await tx.insert(userInvites).values({ userId, tokenHash: sha256Hex(token), expiresAt, createdBy });
  return { token, expiresAt };
}

/** E-mail the link (no PHI: a greeting, the link and its expiry). Returns whether it was handed to SMTP. */
export async function mailInvite(to: string, token: string, expiresAt: Date): Promise<boolean> {
  try {
    await sendMail({
      to,
      subject: "Your DermRelay account: set your password",
      text: [
        "You have been given an account on DermRelay, the teledermatology referral service.",
        "",
        "Set your password with this link (it works once and expires " + expiresAt.toUTCString() + "):",
        inviteLink(token),
        "",
        "If you did not expect this message, ignore it; no account is usable until a password is set.",
      ].join("\n"),
    });
    return true;
  } catch {
    return false;
  }
}

const INVALID_LINK = "This link is not valid any more. Ask your administrator for a new one.";

/** Whose link this is, while it is still usable (for the set-password page). */
export async function inspectInvite(db: Db, token: string, now = new Date()): Promise<{ email: string; name: string } | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const [row] = await db
    .select({ email: users.email, name: users.name, active: users.active, usedAt: userInvites.usedAt, expiresAt: userInvites.expiresAt })
    .from(userInvites)
    .innerJoin(users, eq(users.id, userInvites.userId))
    .where(eq(userInvites.tokenHash, sha256Hex(token)));
  if (!row || row.usedAt || row.expiresAt <= now || !row.active) return null;
  return { email: row.email, name: row.name };
}

export const setPasswordSchema = z
  .strictObject({
    token: z.string().regex(TOKEN_SHAPE, INVALID_LINK),
    password: z.string().min(12, "Use at least 12 characters").max(256, "Use at most 256 characters"),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ" });

/**
 * Spend a link: set the password, mark the link used, end any other session of the user. The link
 * row is locked, so two concurrent uses cannot both succeed. Throws 422 (field `token`) when the
 * link is unknown, used, expired or its user deactivated.
 */
export async function completeInvite(db: Database, ctx: AnyContext, input: unknown, now = new Date()): Promise<{ email: string }> {
  const { token, password } = parseOrThrow(setPasswordSchema, input);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: userInvites.id, userId: userInvites.userId, usedAt: userInvites.usedAt, expiresAt: userInvites.expiresAt, email: users.email, active: users.active })
      .from(userInvites)
      .innerJoin(users, eq(users.id, userInvites.userId))
      .where(eq(userInvites.tokenHash, sha256Hex(token)))
      .for("update", { of: userInvites });
    if (!row || row.usedAt || row.expiresAt <= now || !row.active) {
      await auditDenial(ctx, { action: "user.set_password", resourceType: "user", resourceId: row?.userId ?? null, details: { reason: !row ? "unknown_link" : row.usedAt ? "used" : !row.active ? "inactive" : "expired" } });
      throw new DomainError("invalid", INVALID_LINK, { token: [INVALID_LINK] });
    }
    await tx.update(userInvites).set({ usedAt: now }).where(eq(userInvites.id, row.id));
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: now, failedSignIns: 0, lockedUntil: null, updatedAt: now })
      .where(eq(users.id, row.userId));
    await revokeAllSessions(tx, row.userId, now);
    await audit(tx, ctx, { action: "user.set_password", resourceType: "user", resourceId: row.userId, details: { inviteId: row.id } });
    return { email: row.email };
  });
}
