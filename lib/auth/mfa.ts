/**
 * Two-factor sign-in with TOTP (RFC 6238, via otpauth): enrolment with a QR code, ten single-use
 * recovery codes stored as argon2 hashes, replay protection (a time step is accepted once), and
 * the TOTP secret encrypted at rest with the same envelope as photos. Which roles must enrol is
 * configuration (MFA_REQUIRED_ROLES).
 */
import { and, eq, isNull } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import * as OTPAuth from "otpauth";
import QRCode from "qrcode";
import { z } from "zod";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import type { Role } from "../db/schema/enums";
import { env } from "../env";
import { audit } from "../audit/record";
import { Conflict, Invalid } from "../errors";
import { createKeyring, decrypt, encrypt } from "../storage/envelope";
import type { RequestContext } from "./actor";
import { hashPassword, verifyPassword } from "./password";
import { forgetUser } from "./session-cache";

const PERIOD = 30;
const RECOVERY_CODES = 10;
const masterKey = Buffer.from(env.DATA_ENCRYPTION_KEY, "base64");
const keyring = createKeyring(masterKey, env.DATA_ENCRYPTION_PREVIOUS_KEYS.map((k) => Buffer.from(k, "base64")));
const context = (userId: string) => Buffer.from(`dermrelay-mfa:${userId}`);

/** Whether users of `role` must use a one-time code. */
export const mfaRequiredFor = (role: Role) => env.MFA_REQUIRED_ROLES.includes(role);

const sealSecret = (userId: string, base32: string) => encrypt(Buffer.from(base32), masterKey, context(userId)).toString("base64");
const openSecret = (userId: string, sealed: string) => decrypt(Buffer.from(sealed, "base64"), keyring, context(userId)).toString();

function totpFor(email: string, base32: string) {
  return new OTPAuth.TOTP({ issuer: "DermRelay", label: email, algorithm: "SHA1", digits: 6, period: PERIOD, secret: OTPAuth.Secret.fromBase32(base32) });
}

export const codeSchema = z.string().trim().regex(/^(\d{6}|[A-Za-z0-9]{4}-?[A-Za-z0-9]{4})$/, "Enter the 6-digit code or a recovery code");

/** Whether the signed-in user has two-factor sign-in on, since when, and whether their role requires it (account and set-up pages). */
export async function mfaStatus(db: Db, ctx: RequestContext): Promise<{ enabled: boolean; enabledSince: string | null; required: boolean }> {
  const [user] = await db.select({ enabled: users.mfaEnabledAt }).from(users).where(eq(users.id, ctx.actor.id));
  return { enabled: Boolean(user?.enabled), enabledSince: user?.enabled?.toISOString() ?? null, required: mfaRequiredFor(ctx.actor.role) };
}

/** Begin (or restart) enrolment: a new pending secret, returned as an otpauth URI and a QR image. */
export async function startMfaEnrolment(db: Db, ctx: RequestContext): Promise<{ secret: string; uri: string; qrDataUrl: string }> {
  const [user] = await db.select({ enabled: users.mfaEnabledAt }).from(users).where(eq(users.id, ctx.actor.id));
  if (user?.enabled) throw Conflict("Two-factor sign-in is already set up");
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await db.update(users).set({ mfaSecret: sealSecret(ctx.actor.id, secret), mfaEnabledAt: null }).where(eq(users.id, ctx.actor.id));
  forgetUser(ctx.actor.id);
  const uri = totpFor(ctx.actor.email, secret).toString();
  return { secret, uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}

/** Confirm enrolment with a current code; returns the recovery codes, shown this once. */
export async function confirmMfaEnrolment(db: Db, ctx: RequestContext, code: unknown): Promise<string[]> {
  const token = z.string().trim().regex(/^\d{6}$/).safeParse(code);
  const [user] = await db.select({ sealed: users.mfaSecret, enabled: users.mfaEnabledAt }).from(users).where(eq(users.id, ctx.actor.id));
  if (user?.enabled) throw Conflict("Two-factor sign-in is already set up");
  if (!user?.sealed) throw Conflict("Start the set-up first");
  const step = token.success ? matchStep(totpFor(ctx.actor.email, openSecret(ctx.actor.id, user.sealed)), token.data) : null;
  if (step === null) throw Invalid("Validation failed", { code: ["That code is not correct; check the time on your phone and try the newest code"] });
  const codes = Array.from({ length: RECOVERY_CODES }, () => {
    const raw = randomBytes(6).toString("base64url").replace(/[-_]/g, "x").slice(0, 8).toUpperCase();
    return `${raw.slice(0, 4)}-${raw.slice(4)}`;
  });
  const hashes = await Promise.all(codes.map((c) => hashPassword(c.replace("-", ""))));
  await db.transaction(async (tx) => {
    await tx.update(users).set({ mfaEnabledAt: new Date(), mfaLastStep: step, mfaRecoveryCodes: hashes }).where(eq(users.id, ctx.actor.id));
    await audit(tx, ctx, { action: "auth.mfa_enrol", resourceType: "user", resourceId: ctx.actor.id });
  });
  forgetUser(ctx.actor.id); // the very next request must see two-factor set up
  return codes;
}

function matchStep(totp: OTPAuth.TOTP, token: string, now = Date.now()): number | null {
  const delta = totp.validate({ token, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}

/**
 * Check a sign-in code for a user with MFA on: a TOTP code not used before, or an unused recovery
 * code (which is then spent). Returns false for anything else.
 */
export async function verifyMfaCode(db: Db, user: { id: string; email: string; mfaSecret: string | null; mfaLastStep: number | null; mfaRecoveryCodes: string[] }, code: unknown): Promise<boolean> {
  const parsed = codeSchema.safeParse(code);
  if (!parsed.success || !user.mfaSecret) return false;
  if (/^\d{6}$/.test(parsed.data)) {
    const step = matchStep(totpFor(user.email, openSecret(user.id, user.mfaSecret)), parsed.data);
    if (step === null || (user.mfaLastStep !== null && step <= user.mfaLastStep)) return false;
    // Compare-and-set so two racing requests cannot both use one code.
    const updated = await db
      .update(users)
      .set({ mfaLastStep: step })
      .where(and(eq(users.id, user.id), user.mfaLastStep === null ? isNull(users.mfaLastStep) : eq(users.mfaLastStep, user.mfaLastStep)))
      .returning({ id: users.id });
    return updated.some((u) => u.id === user.id);
  }
  const normalised = parsed.data.replace("-", "").toUpperCase();
  for (const [i, hash] of user.mfaRecoveryCodes.entries()) {
    if (await verifyPassword(hash, normalised)) {
      const remaining = user.mfaRecoveryCodes.filter((_, j) => j !== i);
      await db.update(users).set({ mfaRecoveryCodes: remaining }).where(eq(users.id, user.id));
      return true;
    }
  }
  return false;
}
