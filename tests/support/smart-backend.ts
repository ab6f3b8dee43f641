/**
 * SMART Backend Services test helpers (SPEC §13): register a client with a fresh key pair for a
 * tenant's clinic, sign private_key_jwt assertions, and ask the real /oauth/token route for a token.
 */
import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { db } from "@/lib/db/client";
import { tokenUrl } from "@/lib/smart/backend-token";
import { createFhirClient } from "@/lib/smart/fhir-clients";
import * as tokenRoute from "@/app/oauth/token/route";
import { createTenant, ctxOf } from "./factories";

type Tenant = Awaited<ReturnType<typeof createTenant>>;

/** A client registered for `scopes` (for `tenant`'s clinic, or a fresh tenant), with its key pair. */
export async function registeredClient(scopes: string, alg: "RS384" | "ES384" = "RS384", tenant?: Tenant) {
  const t = tenant ?? (await createTenant());
  const keys = await generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: "k1", alg };
  const client = await createFhirClient(db, ctxOf(t.admin), { name: "Integration engine", clinicId: t.clinic.id, jwks: { keys: [jwk] }, scopes });
  return { t, client, keys, alg };
}

/** A client assertion JWT for `clientId` (aud = the token URL unless overridden). */
export function clientAssertion(clientId: string, key: CryptoKey, alg: string, o: { aud?: string; expIn?: number; jti?: string } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg, kid: "k1", typ: "JWT" })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(o.aud ?? tokenUrl())
    .setIssuedAt(now)
    .setExpirationTime(now + (o.expIn ?? 240))
    .setJti(o.jti ?? randomUUID())
    .sign(key);
}

/** POST /oauth/token (client_credentials) with `jwt` asking for `scope`. */
export const tokenRequest = (jwt: string, scope = "system/Task.rs system/ServiceRequest.crs") =>
  tokenRoute.POST(
    new Request("http://localhost:3000/oauth/token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", client_assertion: jwt, scope }),
    }),
  );

/** An access token of a client of `tenant`'s clinic registered for (and asking for) `scopes`. */
export async function backendAccessToken(tenant: Tenant, scopes: string): Promise<string> {
  const { client, keys, alg } = await registeredClient(scopes, "RS384", tenant);
  const res = await tokenRequest(await clientAssertion(client.clientId, keys.privateKey, alg), scopes);
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}
