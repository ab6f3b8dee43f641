/**
 * The bearer resolver lib/fhir/auth.ts calls for SMART Backend Services tokens: a live token of
 * an active client becomes that client's service user (a referrer of its clinic) plus the granted
 * system scopes, which `requireScope` then checks on every /fhir/R4 interaction.
 */
import { eq } from "drizzle-orm";
import { db } from "../db/client";
import { users } from "../db/schema";
import type { FhirAuth } from "../fhir/auth";
import { backendGrant } from "./backend-token";
import { activeFhirClient } from "./fhir-clients";

/** Resolve a backend access token to its caller, or null. */
export async function resolveBackendToken(token: string): Promise<FhirAuth | null> {
  const grant = await backendGrant(token);
  if (!grant) return null;
  const client = await activeFhirClient(db, grant.clientId);
  if (!client) return null;
  const [user] = await db.select({ id: users.id, role: users.role, clinicId: users.clinicId, email: users.email, name: users.name, active: users.active }).from(users).where(eq(users.id, client.serviceUserId));
  if (!user?.active) return null;
  return { actor: { id: user.id, role: user.role, clinicId: user.clinicId, email: user.email, name: user.name, sessionId: null }, scopes: grant.scopes, caller: `smart-client:${client.id}` };
}
