/**
 * EHR connections (SPEC §13): the EHRs whose users may launch DermRelay, each tied to one
 * referring clinic. Administrators list, create and edit them; the client secret is sealed at
 * rest and never returned (the DTO only says whether one is set).
 */
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, Db } from "../db/client";
import { clinics, ehrConnections } from "../db/schema";
import type { RequestContext } from "../auth/actor";
import { audit } from "../audit/record";
import { isUniqueViolation } from "../db/errors";
import { Conflict, Invalid, NotFound } from "../errors";
import { parseOrThrow } from "../validation";
import { requireAdmin } from "../auth/guard";
import { seal, unseal } from "./sealed";
import { callableBaseUrl } from "./urls";

/** SPEC §13's default request for an EHR launch. */
export const DEFAULT_LAUNCH_SCOPES = "launch openid fhirUser patient/Patient.r patient/ServiceRequest.rs patient/DocumentReference.c offline_access";

export type EhrConnectionDto = { id: string; name: string; iss: string; clientId: string; hasClientSecret: boolean; clinicId: string; clinicName: string; scopes: string; active: boolean; createdAt: string; updatedAt: string };

const scopes = z
  .string()
  .trim()
  .max(1000)
  .regex(/^[A-Za-z0-9_./:*?=&-]+( [A-Za-z0-9_./:*?=&-]+)*$/, "Space-separated scopes")
  .refine((v) => v.split(" ").includes("openid") && v.split(" ").includes("fhirUser"), "Must include openid and fhirUser");
const fields = {
  name: z.string().trim().min(2, "Enter a name").max(120),
  iss: callableBaseUrl,
  clientId: z.string().trim().min(1, "Enter the client id the EHR issued").max(200),
  clientSecret: z.string().min(1).max(500).nullable(),
  clinicId: z.string().uuid("Choose a clinic"),
  scopes,
  active: z.boolean(),
};
export const createConnectionSchema = z.strictObject({ ...fields, clientSecret: fields.clientSecret.optional(), scopes: scopes.optional(), active: fields.active.optional() });
export const updateConnectionSchema = z.strictObject({
  name: fields.name.optional(),
  iss: fields.iss.optional(),
  clientId: fields.clientId.optional(),
  clientSecret: fields.clientSecret.optional(),
  clinicId: fields.clinicId.optional(),
  scopes: scopes.optional(),
  active: fields.active.optional(),
});

const SECRET = "client-secret";
const isUuid = (id: string) => z.string().uuid().safeParse(id).success;

const COLUMNS = {
  id: ehrConnections.id,
  name: ehrConnections.name,
  iss: ehrConnections.iss,
  clientId: ehrConnections.clientId,
  clientSecret: ehrConnections.clientSecret,
  clinicId: ehrConnections.clinicId,
  clinicName: clinics.name,
  scopes: ehrConnections.scopes,
  active: ehrConnections.active,
  createdAt: ehrConnections.createdAt,
  updatedAt: ehrConnections.updatedAt,
};

function select(db: Db) {
  return db.select(COLUMNS).from(ehrConnections).innerJoin(clinics, eq(clinics.id, ehrConnections.clinicId));
}
type Row = Awaited<ReturnType<ReturnType<typeof select>["execute"]>>[number];
const toDto = ({ clientSecret, ...r }: Row): EhrConnectionDto => ({ ...r, hasClientSecret: clientSecret !== null, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() });

async function assertClinic(db: Db, clinicId: string) {
  const [c] = await db.select({ active: clinics.active }).from(clinics).where(eq(clinics.id, clinicId));
  if (!c?.active) throw Invalid("Validation failed", { clinicId: ["Choose an active clinic"] });
}

const ISS_TAKEN = () => Conflict("Another connection already uses this FHIR base URL");

/** Every connection, by name. */
export async function listConnections(db: Db, ctx: RequestContext): Promise<{ items: EhrConnectionDto[] }> {
  requireAdmin(ctx.actor);
  return { items: (await select(db).orderBy(asc(ehrConnections.name), asc(ehrConnections.id))).map(toDto) };
}

/** One connection. */
export async function getConnection(db: Db, ctx: RequestContext, id: string): Promise<EhrConnectionDto> {
  requireAdmin(ctx.actor);
  if (!isUuid(id)) throw NotFound("Connection not found");
  const [row] = await select(db).where(eq(ehrConnections.id, id));
  if (!row) throw NotFound("Connection not found");
  return toDto(row);
}

/** Register an EHR. */
export async function createConnection(db: Database, ctx: RequestContext, input: unknown): Promise<EhrConnectionDto> {
  requireAdmin(ctx.actor);
  const data = parseOrThrow(createConnectionSchema, input);
  await assertClinic(db, data.clinicId);
  try {
    const id = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(ehrConnections)
        .values({ name: data.name, iss: data.iss, clientId: data.clientId, clinicId: data.clinicId, scopes: data.scopes ?? DEFAULT_LAUNCH_SCOPES, active: data.active ?? true })
        .returning({ id: ehrConnections.id });
      if (data.clientSecret) await tx.update(ehrConnections).set({ clientSecret: seal(SECRET, row!.id, data.clientSecret) }).where(eq(ehrConnections.id, row!.id));
      await audit(tx, ctx, { action: "ehr_connection.create", resourceType: "ehr_connection", resourceId: row!.id });
      return row!.id;
    });
    return getConnection(db, ctx, id);
  } catch (err) {
    if (isUniqueViolation(err)) throw ISS_TAKEN();
    throw err;
  }
}

/** Edit a connection; `clientSecret: null` removes the secret, leaving it out keeps it. */
export async function updateConnection(db: Database, ctx: RequestContext, id: string, input: unknown): Promise<EhrConnectionDto> {
  requireAdmin(ctx.actor);
  if (!isUuid(id)) throw NotFound("Connection not found");
  const patch = parseOrThrow(updateConnectionSchema, input);
  if (Object.keys(patch).length === 0) throw Invalid("Nothing to change");
  if (patch.clinicId) await assertClinic(db, patch.clinicId);
  try {
    await db.transaction(async (tx) => {
      const { clientSecret, ...rest } = patch;
      const set = { ...rest, updatedAt: new Date(), ...(clientSecret !== undefined ? { clientSecret: clientSecret === null ? null : seal(SECRET, id, clientSecret) } : {}) };
      const [row] = await tx.update(ehrConnections).set(set).where(eq(ehrConnections.id, id)).returning({ id: ehrConnections.id });
      if (!row) throw NotFound("Connection not found");
      await audit(tx, ctx, { action: "ehr_connection.update", resourceType: "ehr_connection", resourceId: id, details: { fields: Object.keys(patch) } });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw ISS_TAKEN();
    throw err;
  }
  return getConnection(db, ctx, id);
}

/** What a launch needs of an active connection, found by its `iss`; null when none is registered. */
export async function connectionForIss(db: Db, iss: string) {
  const [row] = await db.select().from(ehrConnections).where(eq(ehrConnections.iss, iss.replace(/\/+$/, "")));
  return row?.active ? row : null;
}

/** The same by id (callback, write-back). */
export async function connectionById(db: Db, id: string) {
  const [row] = await db.select().from(ehrConnections).where(eq(ehrConnections.id, id));
  return row ?? null;
}

export type EhrConnection = typeof ehrConnections.$inferSelect;

/** The clear client secret, for the token request only. */
export const clientSecretOf = (c: EhrConnection): string | null => (c.clientSecret ? unseal(SECRET, c.id, c.clientSecret) : null);
