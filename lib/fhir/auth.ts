/**
 * Who is calling /fhir/R4, and what they may touch. The actor comes from the browser session or a
 * DermRelay API token exactly as on /api/v1 (`actorFromHeaders`), or from a bearer token that a
 * pluggable resolver recognises (SMART Backend Services, §13). Sessions and API tokens are not
 * scope-limited (`scopes: null`): the role and clinic policies alone decide. A scoped token must
 * also carry a SMART scope for each interaction, checked by `requireScope` on every call.
 */
import type { Actor } from "../auth/actor";
import { actorFromHeaders } from "../auth/current";
import { TOKEN_PREFIX } from "../auth/api-tokens";
import { DomainError } from "../errors";
import { sha256Hex } from "../digest";
import { resolveBackendToken } from "../smart/backend-auth";
import { parseScope } from "../smart/scopes";

/**
 * The caller of a FHIR interaction; `scopes` null = not scope-limited. `caller` names the
 * credential itself (a session, an API token, a SMART client), so state made for one caller — a
 * stored search (lib/fhir/search-handles.ts) — is not handed to another credential of the same user.
 */
export type FhirAuth = { actor: Actor; scopes: string[] | null; caller?: string };
export type FhirCaller = FhirAuth & { caller: string };

/**
 * Turns a bearer token that is not a DermRelay API token into a caller, or null when it does not
 * recognise or accept it. Resolvers are tried in registration order; the first non-null wins.
 */
export type BearerResolver = (token: string) => Promise<FhirAuth | null>;

const globalResolvers = globalThis as unknown as { dermrelayFhirBearerResolvers?: BearerResolver[] };
const resolvers = (globalResolvers.dermrelayFhirBearerResolvers ??= []);

/** Add a resolver (e.g. the SMART backend-services token verifier). Idempotent per function. */
export function registerBearerResolver(resolver: BearerResolver): void {
  if (!resolvers.includes(resolver)) resolvers.push(resolver);
}

// SMART Backend Services tokens (§13, lib/smart/backend-token.ts).
registerBearerResolver(resolveBackendToken);

/**
 * The FHIR caller for these request headers, or null (→ 401). Its `caller` key: the session id, a
 * digest of the API token, or what the resolver names (the SMART client), else a digest of the token.
 */
export async function fhirAuthFromHeaders(headers: Headers): Promise<FhirCaller | null> {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) return null;
    const token = match[1]!;
    if (token.startsWith(TOKEN_PREFIX)) {
      const actor = await actorFromHeaders(headers);
      return actor ? { actor, scopes: null, caller: `api-token:${sha256Hex(token)}` } : null;
    }
    for (const resolve of resolvers) {
      const found = await resolve(token);
      if (found) return { ...found, caller: found.caller ?? `bearer:${sha256Hex(token)}` };
    }
    return null;
  }
  const actor = await actorFromHeaders(headers);
  return actor ? { actor, scopes: null, caller: `session:${actor.sessionId ?? actor.id}` } : null;
}

/** SMART v2 interaction letters: create, read, update, delete, search. */
export type ScopeInteraction = "c" | "r" | "u" | "d" | "s";

/**
 * Whether `scopes` grant `interaction` on `resourceType` (SMART v2 or v1 syntax, `parseScope`).
 * `null` scopes mean the caller is not scope-limited.
 */
export function hasScope(scopes: string[] | null, resourceType: string, interaction: ScopeInteraction): boolean {
  if (scopes === null) return true;
  return scopes.some((scope) => {
    const p = parseScope(scope);
    return !!p && (p.type === "*" || p.type === resourceType) && p.letters.includes(interaction);
  });
}

/**
 * What a caller may read of the resources a response would carry: `keep` is a filter that
 * remembers the types it refused, `omitted()` lists them (for the outcome entry of a Bundle).
 */
export function readFilter(scopes: string[] | null) {
  const refused = new Set<string>();
  const mayRead = (type: string) => {
    if (hasScope(scopes, type, "r")) return true;
    refused.add(type);
    return false;
  };
  return { mayRead, keep: (r: { resourceType: string }) => mayRead(r.resourceType), omitted: () => [...refused].sort() };
}

/** Throw 403 unless `scopes` grant `interaction` on `resourceType` (called on every interaction). */
export function requireScope(scopes: string[] | null, resourceType: string, interaction: ScopeInteraction): void {
  if (!hasScope(scopes, resourceType, interaction)) {
    throw new DomainError("forbidden", `The access token's scopes do not allow this interaction on ${resourceType}`);
  }
}
