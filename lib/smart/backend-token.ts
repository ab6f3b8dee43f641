/**
 * `POST /oauth/token` for SMART Backend Services (SPEC §13): client_credentials with a
 * private_key_jwt assertion. jose verifies the assertion against the client's JWKS (RS384 or
 * ES384 only) with iss = sub = the client id and aud = this token URL; exp must be at most five
 * minutes ahead and jti is remembered until then, so a replay is refused. The access token is
 * opaque, lives five minutes in Redis (hashed key) and carries the granted system scopes: what
 * the client asked for, narrowed to its registration with SMART 2.x scope semantics
 * (`grantScopes`).
 */
import { randomBytes } from "node:crypto";
import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, jwtVerify, type JWTVerifyGetKey } from "jose";
import { z } from "zod";
import type { Db } from "../db/client";
import { env } from "../env";
import { activeFhirClient, ASSERTION_ALGORITHMS, isAllowedJwksUrl } from "./fhir-clients";
import { claimOnce, peek, putOnce } from "./one-time";
import { grantScopes } from "./scopes";
import { sha256Hex } from "../digest";

export const TOKEN_PATH = "/oauth/token";
export const tokenUrl = () => `${env.APP_URL}${TOKEN_PATH}`;
export const ACCESS_TOKEN_SECONDS = 300;
const MAX_ASSERTION_SECONDS = 300;
const CLOCK_SKEW_SECONDS = 30;

/** An OAuth error answer (RFC 6749 §5.2): invalid_client is 401, the rest 400. */
export class OAuthError extends Error {
  constructor(
    readonly error: "invalid_request" | "invalid_client" | "invalid_grant" | "invalid_scope" | "unsupported_grant_type",
    readonly description: string,
  ) {
    super(description);
    this.name = "OAuthError";
  }
  get status() {
    return this.error === "invalid_client" ? 401 : 400;
  }
}

const formSchema = z.object({
  grant_type: z.string(),
  client_assertion_type: z.string().optional(),
  client_assertion: z.string().max(8000).optional(),
  scope: z.string().max(2000).optional(),
});

const remoteSets = new Map<string, JWTVerifyGetKey>();
function keySetFor(client: { jwks: { keys: Record<string, unknown>[] } | null; jwksUrl: string | null }): JWTVerifyGetKey | null {
  if (client.jwks) return createLocalJWKSet(client.jwks as never);
  if (!client.jwksUrl || !isAllowedJwksUrl(client.jwksUrl)) return null;
  let set = remoteSets.get(client.jwksUrl);
  if (!set) remoteSets.set(client.jwksUrl, (set = createRemoteJWKSet(new URL(client.jwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000 })));
  return set;
}


export type BackendGrant = { clientId: string; scopes: string[] };

/** Check the token request and issue an access token; throws OAuthError for every refusal. */
export async function issueBackendToken(db: Db, form: URLSearchParams): Promise<{ access_token: string; token_type: "bearer"; expires_in: number; scope: string }> {
  const parsed = formSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) throw new OAuthError("invalid_request", "Malformed token request");
  const f = parsed.data;
  if (f.grant_type !== "client_credentials") throw new OAuthError("unsupported_grant_type", "Only client_credentials is supported");
  if (f.client_assertion_type !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" || !f.client_assertion) throw new OAuthError("invalid_client", "A private_key_jwt client assertion is required");

  let clientId: string;
  try {
    clientId = String(decodeJwt(f.client_assertion).iss ?? "");
  } catch {
    throw new OAuthError("invalid_client", "The client assertion is not a JWT");
  }
  const client = await activeFhirClient(db, clientId);
  const keys = client ? keySetFor(client) : null;
  if (!client || !keys) throw new OAuthError("invalid_client", "Unknown or inactive client");

  let payload;
  try {
    ({ payload } = await jwtVerify(f.client_assertion, keys, {
      algorithms: [...ASSERTION_ALGORITHMS],
      issuer: client.id,
      subject: client.id,
      audience: tokenUrl(),
      requiredClaims: ["exp", "jti"],
      clockTolerance: CLOCK_SKEW_SECONDS,
    }));
  } catch {
    throw new OAuthError("invalid_client", "The client assertion could not be verified");
  }
  const now = Math.floor(Date.now() / 1000);
  if (payload.exp! - now > MAX_ASSERTION_SECONDS + CLOCK_SKEW_SECONDS) throw new OAuthError("invalid_client", "The client assertion must expire within five minutes");
  if (typeof payload.jti !== "string" || payload.jti.length > 200) throw new OAuthError("invalid_client", "The client assertion needs a jti");
  if (!(await claimOnce("jti", `${client.id}:${sha256Hex(payload.jti)}`, payload.exp!))) throw new OAuthError("invalid_client", "This client assertion was already used");

  const granted = grantScopes(client.scopes.split(/\s+/), (f.scope ?? "").split(/\s+/).filter(Boolean));
  if (granted.length === 0) throw new OAuthError("invalid_scope", "None of the requested scopes is granted to this client");

  const token = randomBytes(32).toString("base64url");
  await putOnce("access", sha256Hex(token), { clientId: client.id, scopes: granted } satisfies BackendGrant, ACCESS_TOKEN_SECONDS);
  return { access_token: token, token_type: "bearer", expires_in: ACCESS_TOKEN_SECONDS, scope: granted.join(" ") };
}

const grantSchema = z.object({ clientId: z.string().uuid(), scopes: z.array(z.string()) });

/** The grant behind a backend access token, or null (unknown or expired). */
export async function backendGrant(token: string): Promise<BackendGrant | null> {
  if (token.length > 200) return null;
  const parsed = grantSchema.safeParse(await peek("access", sha256Hex(token)));
  return parsed.success ? parsed.data : null;
}
