/**
 * SMART Backend Services clients of DermRelay's FHIR API (SPEC §13): registered by an
 * administrator with a JWKS (inline) or a jwksUrl, the clinic they act for, and the system/
 * scopes they may be granted. Each client acts through its own service user — a referrer of that
 * clinic without a password, so it can never sign in — which keeps every policy and audit row as
 * for a person. Public keys only: a JWKS holding private key material is refused.
 *
 * jwksUrl SSRF rule: https (plain http only for loopback outside production, lib/smart/urls.ts)
 * and an origin listed in FHIR_CLIENT_JWKS_ORIGINS; jose then fetches it without following
 * redirects, with a 5-second timeout, and caches the keys.
 */
import { asc, eq } from "drizzle-orm";
import { importJWK } from "jose";
import { z } from "zod";
import type { Database, Db } from "../db/client";
import { clinics, fhirClients, users } from "../db/schema";
import type { RequestContext } from "../auth/actor";
import { audit } from "../audit/record";
import { env } from "../env";
import { Invalid, NotFound } from "../errors";
import { parseOrThrow } from "../validation";
import { requireAdmin } from "../auth/guard";
import { isCallableUrl } from "./urls";

export const ASSERTION_ALGORITHMS = ["RS384", "ES384"] as const;
const SYSTEM_SCOPE = /^system\/([A-Z][A-Za-z]+|\*)\.(c?r?u?d?s?|read|write|\*)$/;

/** True when `url` may be fetched for keys (see the header). */
export function isAllowedJwksUrl(url: string): boolean {
  return isCallableUrl(url) && env.FHIR_CLIENT_JWKS_ORIGINS.includes(new URL(url).origin);
}

const jwkSchema = z.looseObject({ kty: z.enum(["RSA", "EC"]), kid: z.string().max(200).optional(), alg: z.string().optional() });
const jwksSchema = z
  .strictObject({ keys: z.array(jwkSchema).min(1).max(10) })
  .refine((j) => j.keys.every((k) => !("d" in k) && !("p" in k)), "Publish public keys only: this JWKS holds private key material");
const scopesSchema = z
  .string()
  .trim()
  .max(1000)
  .refine((v) => v.split(/\s+/).every((s) => SYSTEM_SCOPE.test(s)), "Space-separated SMART system scopes, e.g. system/Task.rs system/ServiceRequest.crs");

export const createFhirClientSchema = z
  .strictObject({
    name: z.string().trim().min(2, "Enter a name").max(120),
    clinicId: z.string().uuid("Choose a clinic"),
    jwks: jwksSchema.optional(),
    jwksUrl: z.string().trim().max(500).refine(isAllowedJwksUrl, "Use an https URL on an origin listed in FHIR_CLIENT_JWKS_ORIGINS").optional(),
    scopes: scopesSchema,
  })
  .refine((v) => (v.jwks ? !v.jwksUrl : !!v.jwksUrl), { message: "Give either jwks or jwksUrl", path: ["jwks"] });

export const updateFhirClientSchema = z.strictObject({ active: z.boolean().optional(), scopes: scopesSchema.optional(), jwks: jwksSchema.optional() });

export type FhirClientDto = { id: string; clientId: string; name: string; clinicId: string; jwksUrl: string | null; keyIds: string[]; scopes: string; active: boolean; createdAt: string };

type Row = typeof fhirClients.$inferSelect;
const toDto = (r: Row): FhirClientDto => ({
  id: r.id,
  clientId: r.id,
  name: r.name,
  clinicId: r.clinicId,
  jwksUrl: r.jwksUrl,
  keyIds: (r.jwks?.keys ?? []).map((k) => String(k.kid ?? "")).filter(Boolean),
  scopes: r.scopes,
  active: r.active,
  createdAt: r.createdAt.toISOString(),
});

async function assertUsableKeys(jwks: z.infer<typeof jwksSchema> | undefined) {
  for (const [i, key] of (jwks?.keys ?? []).entries()) {
    const alg = key.alg ?? (key.kty === "RSA" ? "RS384" : "ES384");
    if (!(ASSERTION_ALGORITHMS as readonly string[]).includes(alg)) throw Invalid("Validation failed", { [`jwks.keys.${i}`]: ["Keys must be for RS384 or ES384"] });
    await importJWK(key as never, alg).catch(() => {
      throw Invalid("Validation failed", { [`jwks.keys.${i}`]: ["Not a usable public key"] });
    });
  }
}

/** Every client. */
export async function listFhirClients(db: Db, ctx: RequestContext): Promise<{ items: FhirClientDto[] }> {
  requireAdmin(ctx.actor);
  return { items: (await db.select().from(fhirClients).orderBy(asc(fhirClients.name), asc(fhirClients.id))).map(toDto) };
}

/** Register a client and its service user. */
export async function createFhirClient(db: Database, ctx: RequestContext, input: unknown): Promise<FhirClientDto> {
  requireAdmin(ctx.actor);
  const data = parseOrThrow(createFhirClientSchema, input);
  await assertUsableKeys(data.jwks);
  const [clinic] = await db.select({ active: clinics.active }).from(clinics).where(eq(clinics.id, data.clinicId));
  if (!clinic?.active) throw Invalid("Validation failed", { clinicId: ["Choose an active clinic"] });
  const scopes = [...new Set(data.scopes.split(/\s+/))].join(" ");
  return db.transaction(async (tx) => {
    const id = crypto.randomUUID();
    const [user] = await tx
      .insert(users)
      .values({ email: `fhir-client-${id}@clients.dermrelay.invalid`, name: `FHIR client: ${data.name}`, role: "referrer", clinicId: data.clinicId, passwordHash: null })
      .returning({ id: users.id });
    const [row] = await tx.insert(fhirClients).values({ id, name: data.name, clinicId: data.clinicId, serviceUserId: user!.id, jwks: data.jwks ?? null, jwksUrl: data.jwksUrl ?? null, scopes }).returning();
    await audit(tx, ctx, { action: "fhir_client.create", resourceType: "fhir_client", resourceId: id, details: { scopes } });
    return toDto(row!);
  });
}

/** Deactivate, reactivate, change scopes or rotate inline keys. */
export async function updateFhirClient(db: Database, ctx: RequestContext, id: string, input: unknown): Promise<FhirClientDto> {
  requireAdmin(ctx.actor);
  const patch = parseOrThrow(updateFhirClientSchema, input);
  if (!z.string().uuid().safeParse(id).success) throw NotFound("Client not found");
  if (Object.keys(patch).length === 0) throw Invalid("Nothing to change");
  await assertUsableKeys(patch.jwks);
  return db.transaction(async (tx) => {
    const [row] = await tx.update(fhirClients).set({ ...patch, updatedAt: new Date() }).where(eq(fhirClients.id, id)).returning();
    if (!row) throw NotFound("Client not found");
    if (patch.active !== undefined) await tx.update(users).set({ active: patch.active, updatedAt: new Date() }).where(eq(users.id, row.serviceUserId));
    await audit(tx, ctx, { action: "fhir_client.update", resourceType: "fhir_client", resourceId: id, details: { fields: Object.keys(patch) } });
    return toDto(row);
  });
}

/** An active client by id (the assertion's iss), or null. */
export async function activeFhirClient(db: Db, id: string): Promise<Row | null> {
  if (!z.string().uuid().safeParse(id).success) return null;
  const [row] = await db.select().from(fhirClients).where(eq(fhirClients.id, id));
  return row?.active ? row : null;
}
