/**
 * User management for administrators: list, invite (an account without a password plus an
 * e-mailed set-password link), change name, role and clinic, deactivate and reactivate.
 * Deactivation revokes every live session in the same transaction, so the user's next request is
 * refused. DTOs only: password hashes, MFA secrets and invite token hashes never leave this module.
 */
import { and, asc, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database, Db } from "../db/client";
import { clinics, userInvites, users } from "../db/schema";
import { ROLES, type Role } from "../db/schema/enums";
import type { RequestContext } from "../auth/actor";
import { revokeAllSessions } from "../auth/sessions";
import { forgetUser } from "../auth/session-cache";
import { audit } from "../audit/record";
import { Conflict, Invalid, NotFound } from "../errors";
import { isUniqueViolation } from "../db/errors";
import { parseOrThrow } from "../validation";
import { requireAdmin } from "../auth/guard";
import { issueInvite, mailInvite } from "./invites";

export type UserDto = {
  id: string;
  email: string;
  name: string;
  role: Role;
  clinicId: string | null;
  clinicName: string | null;
  active: boolean;
  mfaEnabled: boolean;
  hasPassword: boolean;
  invitePendingUntil: string | null;
  lastSignInAt: string | null;
  createdAt: string;
};

const uuid = z.string().uuid("Not a valid id");

export const userListQuerySchema = z.strictObject({
  q: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional(),
  active: z.enum(["true", "false"]).optional(),
});

export const inviteUserSchema = z.strictObject({
  email: z.string().trim().toLowerCase().email("Enter an e-mail address").max(254),
  name: z.string().trim().min(1, "Enter a name").max(120),
  role: z.enum(ROLES, { message: "Choose a role" }),
  clinicId: uuid.nullish(),
});

export const updateUserSchema = z
  .strictObject({
    name: z.string().trim().min(1, "Enter a name").max(120).optional(),
    role: z.enum(ROLES).optional(),
    clinicId: uuid.nullable().optional(),
    active: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to change" });

const now = () => new Date();

function select(db: Db) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      clinicId: users.clinicId,
      clinicName: clinics.name,
      active: users.active,
      mfaEnabledAt: users.mfaEnabledAt,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      inviteUntil: sql<string | null>`(select max(i.expires_at)::text from ${userInvites} i where i.user_id = ${users.id} and i.used_at is null and i.expires_at > now())`,
      lastSignInAt: users.lastSignInAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .leftJoin(clinics, eq(clinics.id, users.clinicId));
}

type Selected = Awaited<ReturnType<ReturnType<typeof select>["execute"]>>[number];

function toDto(r: Selected): UserDto {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    clinicId: r.clinicId,
    clinicName: r.clinicName ?? null,
    active: r.active,
    mfaEnabled: r.mfaEnabledAt !== null,
    hasPassword: r.hasPassword,
    invitePendingUntil: r.inviteUntil ? new Date(r.inviteUntil).toISOString() : null,
    lastSignInAt: r.lastSignInAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

/** Every user matching the filters, active first, then by name. */
export async function listUsers(db: Db, ctx: RequestContext, query: z.output<typeof userListQuerySchema>): Promise<{ items: UserDto[] }> {
  requireAdmin(ctx.actor);
  const q = query.q?.replace(/[\\%_]/g, (c) => `\\${c}`);
  const where: (SQL | undefined)[] = [
    q ? or(ilike(users.email, `%${q}%`), ilike(users.name, `%${q}%`)) : undefined,
    query.role ? eq(users.role, query.role) : undefined,
    query.active ? eq(users.active, query.active === "true") : undefined,
  ];
  const rows = await select(db).where(and(...where)).orderBy(desc(users.active), asc(users.name), asc(users.id)).limit(1000);
  return { items: rows.map(toDto) };
}

/** One user. */
export async function getUser(db: Db, ctx: RequestContext, id: string): Promise<UserDto> {
  requireAdmin(ctx.actor);
  if (!uuid.safeParse(id).success) throw NotFound("User not found");
  const [row] = await select(db).where(eq(users.id, id));
  if (!row) throw NotFound("User not found");
  return toDto(row);
}

/** Referrers belong to exactly one active clinic; the service's specialists and admins to none. */
async function checkClinic(tx: Db, role: Role, clinicId: string | null | undefined): Promise<string | null> {
  if (role !== "referrer") {
    if (clinicId) throw Invalid("Validation failed", { clinicId: ["Only referring clinicians belong to a clinic"] });
    return null;
  }
  if (!clinicId) throw Invalid("Validation failed", { clinicId: ["Choose the clinic this clinician works at"] });
  const [clinic] = await tx.select({ active: clinics.active }).from(clinics).where(eq(clinics.id, clinicId));
  if (!clinic) throw Invalid("Validation failed", { clinicId: ["No such clinic"] });
  if (!clinic.active) throw Invalid("Validation failed", { clinicId: ["This clinic is deactivated"] });
  return clinicId;
}

/**
 * Create an account and e-mail its set-password link. The account cannot sign in until the link
 * is used. `emailed` is false when the mail could not be handed over; "resend" issues a new link.
 */
export async function inviteUser(db: Database, ctx: RequestContext, input: unknown): Promise<{ user: UserDto; invite: { expiresAt: string; emailed: boolean } }> {
  requireAdmin(ctx.actor);
  const data = parseOrThrow(inviteUserSchema, input);
  const { id, token, expiresAt } = await db
    .transaction(async (tx) => {
      const clinicId = await checkClinic(tx, data.role, data.clinicId);
      const [created] = await tx
        .insert(users)
        .values({ email: data.email, name: data.name, role: data.role, clinicId, passwordHash: null })
        .returning({ id: users.id });
      const invite = await issueInvite(tx, created!.id, ctx.actor.id);
      await audit(tx, ctx, { action: "user.invite", resourceType: "user", resourceId: created!.id, details: { role: data.role, clinicId } });
      return { id: created!.id, ...invite };
    })
    .catch((err: unknown) => {
      if (isUniqueViolation(err)) throw Invalid("Validation failed", { email: ["An account with this e-mail already exists"] });
      throw err;
    });
  const emailed = await mailInvite(data.email, token, expiresAt);
  return { user: await getUser(db, ctx, id), invite: { expiresAt: expiresAt.toISOString(), emailed } };
}

/** Issue and e-mail a fresh set-password link (older ones stop working). Active users only. */
export async function resendInvite(db: Database, ctx: RequestContext, id: string): Promise<{ expiresAt: string; emailed: boolean }> {
  const user = await getUser(db, ctx, id);
  if (!user.active) throw Conflict("Reactivate the account before sending it a link");
  const { token, expiresAt } = await db.transaction(async (tx) => {
    const invite = await issueInvite(tx, id, ctx.actor.id);
    await audit(tx, ctx, { action: "user.invite_resend", resourceType: "user", resourceId: id });
    return invite;
  });
  return { expiresAt: expiresAt.toISOString(), emailed: await mailInvite(user.email, token, expiresAt) };
}

/**
 * Change a user's name, role, clinic or active flag. Refuses to let an administrator lock
 * themselves out or leave the service without an active administrator (409).
 */
export async function updateUser(db: Database, ctx: RequestContext, id: string, input: unknown): Promise<UserDto> {
  requireAdmin(ctx.actor);
  if (!uuid.safeParse(id).success) throw NotFound("User not found");
  const patch = parseOrThrow(updateUserSchema, input);
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ role: users.role, clinicId: users.clinicId, active: users.active, name: users.name })
      .from(users)
      .where(eq(users.id, id))
      .for("update");
    if (!current) throw NotFound("User not found");
    const role = patch.role ?? current.role;
    const active = patch.active ?? current.active;
    const clinicInput = patch.clinicId !== undefined ? patch.clinicId : role === "referrer" ? current.clinicId : null;
    const clinicId = await checkClinic(tx, role, clinicInput);
    const losesAdmin = current.role === "admin" && current.active && (role !== "admin" || !active);
    if (losesAdmin && id === ctx.actor.id) throw Conflict("You cannot remove your own administrator access");
    if (losesAdmin) {
      // Serialise admin removals so two concurrent ones cannot both pass the check.
      await tx.execute(sql`select pg_advisory_xact_lock(7419250101)`);
      const [{ n } = { n: 0 }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(users)
        .where(and(eq(users.role, "admin"), eq(users.active, true)));
      if (n <= 1) throw Conflict("The service needs at least one active administrator");
    }
    await tx.update(users).set({ name: patch.name ?? current.name, role, clinicId, active, updatedAt: now() }).where(eq(users.id, id));
    let sessionsEnded = 0;
    if (current.active && !active) sessionsEnded = await revokeAllSessions(tx, id);
    const changed = Object.fromEntries(
      Object.entries({ name: patch.name !== undefined && patch.name !== current.name, role: role !== current.role, clinicId: clinicId !== current.clinicId, active: active !== current.active }).filter(([, v]) => v),
    );
    const action = current.active && !active ? "user.deactivate" : !current.active && active ? "user.reactivate" : "user.update";
    await audit(tx, ctx, {
      action,
      resourceType: "user",
      resourceId: id,
      details: { changed: Object.keys(changed), role, clinicId, sessionsEnded },
    });
  });
  forgetUser(id); // a new role or clinic applies from the user's very next request
  return getUser(db, ctx, id);
}
