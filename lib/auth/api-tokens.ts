/**
 * Integration API tokens: issued by an administrator for a user, shown once, stored as a SHA-256
 * hash (the token is 256 random bits, so a fast hash is enough), expiring and revocable, with the
 * last use recorded. `Authorization: Bearer drt_…` then acts as that user on /api/v1.
 */
import { and, desc, eq, gt, isNull, lt, or } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db/client";
import { apiTokens, users } from "../db/schema";
import type { Actor, RequestContext } from "./actor";
import { canAdminister } from "./policies";
import { audit } from "../audit/record";
import { Forbidden, Invalid, NotFound } from "../errors";
import { parseOrThrow } from "../validation";
import { sha256Hex } from "../digest";

export const TOKEN_PREFIX = "drt_";

export const issueTokenSchema = z.strictObject({
  userId: z.string().uuid(),
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(365).default(90),
});

export type ApiTokenDto = { id: string; userId: string; name: string; prefix: string; expiresAt: string; lastUsedAt: string | null; revokedAt: string | null; createdAt: string };

const COLUMNS = {
  id: apiTokens.id,
  userId: apiTokens.userId,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
  createdAt: apiTokens.createdAt,
};
type Row = { [K in keyof typeof COLUMNS]: (typeof apiTokens.$inferSelect)[K] };
const toDto = (r: Row): ApiTokenDto => ({
  ...r,
  expiresAt: r.expiresAt.toISOString(),
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  revokedAt: r.revokedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});

/** Issue a token; the raw value is returned this once and never stored. */
export async function issueApiToken(db: Db, ctx: RequestContext, input: unknown): Promise<ApiTokenDto & { token: string }> {
  if (!canAdminister(ctx.actor)) throw Forbidden();
  const data = parseOrThrow(issueTokenSchema, input);
  const [owner] = await db.select({ id: users.id, active: users.active }).from(users).where(eq(users.id, data.userId));
  if (!owner) throw NotFound("User not found");
  if (!owner.active) throw Invalid("Validation failed", { userId: ["The user is deactivated"] });
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ userId: data.userId, name: data.name, tokenHash: sha256Hex(token), prefix: token.slice(0, 10), expiresAt: new Date(Date.now() + data.expiresInDays * 86_400_000), createdBy: ctx.actor.id })
      .returning(COLUMNS);
    await audit(tx, ctx, { action: "api_token.issue", resourceType: "api_token", resourceId: row!.id, details: { userId: data.userId } });
    return { ...toDto(row!), token };
  });
}

/** Every token (never the hash), newest first. */
export async function listApiTokens(db: Db, ctx: RequestContext): Promise<ApiTokenDto[]> {
  if (!canAdminister(ctx.actor)) throw Forbidden();
  return (await db.select(COLUMNS).from(apiTokens).orderBy(desc(apiTokens.createdAt)).limit(500)).map(toDto);
}

/** Revoke a token at once. */
export async function revokeApiToken(db: Db, ctx: RequestContext, id: string): Promise<void> {
  if (!canAdminister(ctx.actor)) throw Forbidden();
  if (!z.string().uuid().safeParse(id).success) throw NotFound("Token not found");
  await db.transaction(async (tx) => {
    const [row] = await tx.update(apiTokens).set({ revokedAt: new Date() }).where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt))).returning({ id: apiTokens.id });
    if (!row) throw NotFound("Token not found");
    await audit(tx, ctx, { action: "api_token.revoke", resourceType: "api_token", resourceId: id });
  });
}

/** The actor a bearer token stands for, or null when unknown, revoked, expired or its user inactive. */
export async function actorFromToken(db: Db, token: string, now = new Date()): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const [row] = await db
    .select({ tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt, id: users.id, role: users.role, clinicId: users.clinicId, email: users.email, name: users.name })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, sha256Hex(token)), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, now), eq(users.active, true)));
  if (!row) return null;
  // Record use, at most once a minute per token.
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, row.tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - 60_000)))));
  return { id: row.id, role: row.role, clinicId: row.clinicId, email: row.email, name: row.name, sessionId: null };
}
