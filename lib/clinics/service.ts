/**
 * Referring clinics for administrators: list with their people and open work, create, rename,
 * deactivate and reactivate. Deactivating a clinic also deactivates its referring clinicians and
 * ends their sessions in the same transaction (a clinic that left the service must lose access at
 * once); reactivating it does not bring them back — each account is reactivated deliberately.
 */
import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Db } from "../db/client";
import { clinics, users } from "../db/schema";
import type { RequestContext } from "../auth/actor";
import { revokeAllSessions } from "../auth/sessions";
import { audit } from "../audit/record";
import { Invalid, NotFound } from "../errors";
import { parseOrThrow } from "../validation";
import { requireAdmin } from "../auth/guard";

export type ClinicDto = { id: string; name: string; active: boolean; createdAt: string; activeUsers: number; openCases: number; markerSideMm: number; mrnSystem: string | null };

/** The MRN identifier system the clinic's admin set (clinics.mrn_system), or null when none is set. */
export async function configuredMrnSystem(db: Db, clinicId: string): Promise<string | null> {
  const [clinic] = await db.select({ mrnSystem: clinics.mrnSystem }).from(clinics).where(eq(clinics.id, clinicId));
  return clinic?.mrnSystem ?? null;
}

const name = z.string().trim().min(2, "Enter the clinic's name").max(120, "Use at most 120 characters");
export const createClinicSchema = z.strictObject({ name });
/** Printed side of the clinic's calibration stickers (SPEC §15), mm, one decimal. */
const markerSideMm = z.coerce
  .number({ message: "Enter the sticker's side in millimetres" })
  .min(10, "At least 10 mm")
  .max(40, "At most 40 mm")
  .transform((v) => Math.round(v * 10) / 10);
/**
 * The clinic's own MRN identifier system (SPEC §12), an absolute URI (`urn:oid:…`, `https://…`);
 * null or "" clears it (Patients then carry DermRelay's URN for the clinic).
 */
const mrnSystem = z
  .string()
  .trim()
  .max(255, "Use at most 255 characters")
  .refine((v) => v === "" || (/^[a-z][a-z0-9+.-]*:[^\s]+$/i.test(v) && URL.canParse(v)), "Enter an absolute URI such as urn:oid:1.2.3 or https://ehr.example/mrn")
  .nullable()
  .transform((v) => (v ? v : null));
export const updateClinicSchema = z
  .strictObject({ name: name.optional(), active: z.boolean().optional(), markerSideMm: markerSideMm.optional(), mrnSystem: mrnSystem.optional() })
  .refine((v) => v.name !== undefined || v.active !== undefined || v.markerSideMm !== undefined || v.mrnSystem !== undefined, { message: "Nothing to change" });

const isUuid = (id: string) => z.string().uuid().safeParse(id).success;

function select(db: Db) {
  return db
    .select({
      id: clinics.id,
      name: clinics.name,
      active: clinics.active,
      markerSideMm: clinics.markerSideMm,
      mrnSystem: clinics.mrnSystem,
      createdAt: clinics.createdAt,
      activeUsers: sql<number>`(select count(*)::int from users u where u.clinic_id = ${clinics.id} and u.active)`,
      openCases: sql<number>`(select count(*)::int from cases c where c.clinic_id = ${clinics.id} and c.status in ('submitted', 'triaged', 'in_review', 'awaiting_info'))`,
    })
    .from(clinics);
}

const toDto = (r: Awaited<ReturnType<ReturnType<typeof select>["execute"]>>[number]): ClinicDto => ({ ...r, createdAt: r.createdAt.toISOString() });

/** Every clinic, active first, by name. */
export async function listClinics(db: Db, ctx: RequestContext): Promise<{ items: ClinicDto[] }> {
  requireAdmin(ctx.actor);
  const rows = await select(db).orderBy(sql`${clinics.active} desc`, asc(clinics.name), asc(clinics.id));
  return { items: rows.map(toDto) };
}

/** One clinic. */
export async function getClinic(db: Db, ctx: RequestContext, id: string): Promise<ClinicDto> {
  requireAdmin(ctx.actor);
  if (!isUuid(id)) throw NotFound("Clinic not found");
  const [row] = await select(db).where(eq(clinics.id, id));
  if (!row) throw NotFound("Clinic not found");
  return toDto(row);
}

async function assertNameFree(tx: Db, value: string, exceptId?: string) {
  const [clash] = await tx
    .select({ id: clinics.id })
    .from(clinics)
    .where(sql`lower(${clinics.name}) = lower(${value}) ${exceptId ? sql`and ${clinics.id} <> ${exceptId}` : sql``}`);
  if (clash) throw Invalid("Validation failed", { name: ["Another clinic already has this name"] });
}

/** Create a clinic. */
export async function createClinic(db: Database, ctx: RequestContext, input: unknown): Promise<ClinicDto> {
  requireAdmin(ctx.actor);
  const data = parseOrThrow(createClinicSchema, input);
  const id = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7419250102)`);
    await assertNameFree(tx, data.name);
    const [row] = await tx.insert(clinics).values({ name: data.name }).returning({ id: clinics.id });
    await audit(tx, ctx, { action: "clinic.create", resourceType: "clinic", resourceId: row!.id });
    return row!.id;
  });
  return getClinic(db, ctx, id);
}

/** Rename, deactivate or reactivate a clinic, or set its sticker side or MRN system. */
export async function updateClinic(db: Database, ctx: RequestContext, id: string, input: unknown): Promise<ClinicDto> {
  requireAdmin(ctx.actor);
  if (!isUuid(id)) throw NotFound("Clinic not found");
  const patch = parseOrThrow(updateClinicSchema, input);
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7419250102)`);
    const [current] = await tx.select().from(clinics).where(eq(clinics.id, id)).for("update");
    if (!current) throw NotFound("Clinic not found");
    if (patch.name !== undefined) await assertNameFree(tx, patch.name, id);
    const active = patch.active ?? current.active;
    await tx.update(clinics).set({ name: patch.name ?? current.name, active, markerSideMm: patch.markerSideMm ?? current.markerSideMm, mrnSystem: patch.mrnSystem === undefined ? current.mrnSystem : patch.mrnSystem }).where(eq(clinics.id, id));
    const deactivatedUsers: string[] = [];
    if (current.active && !active) {
      const members = await tx
        .update(users)
        .set({ active: false, updatedAt: new Date() })
        .where(sql`${users.clinicId} = ${id} and ${users.active}`)
        .returning({ id: users.id });
      for (const m of members) {
        await revokeAllSessions(tx, m.id);
        deactivatedUsers.push(m.id);
      }
    }
    const action = current.active && !active ? "clinic.deactivate" : !current.active && active ? "clinic.reactivate" : "clinic.update";
    await audit(tx, ctx, { action, resourceType: "clinic", resourceId: id, details: { renamed: patch.name !== undefined && patch.name !== current.name, deactivatedUsers, ...(patch.markerSideMm !== undefined && patch.markerSideMm !== current.markerSideMm ? { markerSideMm: patch.markerSideMm } : {}), ...(patch.mrnSystem !== undefined && patch.mrnSystem !== current.mrnSystem ? { mrnSystem: patch.mrnSystem } : {}) } });
  });
  return getClinic(db, ctx, id);
}
