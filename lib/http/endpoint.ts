/**
 * An endpoint is defined once — who may call it, the zod schema of its input, optionally the zod
 * schema of its output (for OpenAPI), and `run(db, ctx, input)` over lib/ services — and carried
 * by adapters: a route handler (`route()`, lib/http/route.ts), a server action (`serverAction()`,
 * lib/http/action.ts), a FHIR interaction (lib/fhir/, reusing `authenticate` and `authorize`).
 * Every adapter answers the one `Result` of lib/http/result.ts.
 *
 * The pieces every adapter shares live here: authentication (bearer token or session cookie,
 * the same-origin rule for cookie writes, the two-factor set-up gate), the audited role gate, and
 * parsing the raw input with the endpoint's schema (422 with fields). Role gates are a first line
 * only; services check policies again next to the data.
 */
import type { z } from "zod";
import type { Database } from "../db/client";
import type { Role } from "../db/schema/enums";
import type { Actor, RequestContext } from "../auth/actor";
import { actorFromHeaders } from "../auth/current";
import { fhirAuthFromHeaders, requireScope } from "../fhir/auth";
import { auditDenial } from "../audit/record";
import { Forbidden, Unauthenticated } from "../errors";
import { parseOrThrow } from "../validation";
import { assertSameOrigin } from "./origin";
import { enforceRateLimit, type LimitClass } from "./rate-limit";

export type { Failure, Result, Success } from "./result";
export { ok, firstMessages } from "./result";

/** Who may call: listed roles, any signed-in user, or anyone (the caller's context has no actor). */
export type Roles = readonly Role[] | "any" | "public";

/** The context of a public endpoint (set-password, sign-in): request facts, no actor. */
export type PublicContext = { actor: null; requestId: string; ip: string | null };

export type ContextFor<R extends Roles> = R extends "public" ? PublicContext : RequestContext;

export type Endpoint<R extends Roles = Roles, S extends z.ZodType = z.ZodType, O = unknown> = {
  /** A stable dotted name ("cases.submit"): audit action of a refused server action, log field. */
  name: string;
  roles: R;
  input: S;
  /** The shape of `data` on success; documentation (OpenAPI), not checked at run time. */
  output?: z.ZodType<O>;
  /** Reachable before two-factor set-up is done (so the client can learn why the rest is 403). */
  duringMfaSetup?: boolean;
  /** The rate-limit class it draws from, when not the adapter's default (lib/http/rate-limit.ts). */
  limit?: LimitClass;
  /**
   * Also accept a SMART Backend Services token granting read on this FHIR resource type: for the
   * routes a FHIR resource links to (Media `content.url`, DiagnosticReport `presentedForm`).
   */
  smartRead?: SmartReadType;
  run(db: Database, ctx: ContextFor<R>, input: z.output<S>): Promise<O>;
};

/** Define an endpoint; the identity function, there for inference. */
export function defineEndpoint<const R extends Roles, S extends z.ZodType, O>(def: Endpoint<R, S, O>): Endpoint<R, S, O> {
  return def;
}

/** The FHIR resource types whose linked bytes (image, letter) a backend-services token may read. */
export type SmartReadType = "Media" | "DiagnosticReport";

export type RequestFacts = { requestId: string; ip: string | null };

export type AuthenticateOptions = {
  /** The request, when it may carry an ambient cookie write (route handlers); its Origin is checked. */
  request?: Request;
  duringMfaSetup?: boolean;
  /** The rate-limit class to draw from (lib/http/rate-limit.ts), per user and per address. */
  limit?: LimitClass;
  /** Accept a SMART backend-services bearer token too, when it grants read on this type. */
  smartRead?: SmartReadType;
};

/**
 * The caller for these headers. Only with `smartRead` is a non-DermRelay bearer token tried as a
 * SMART backend-services token (lib/fhir/auth.ts, which carries its granted scopes); sessions and
 * API tokens resolve exactly as `actorFromHeaders` (their `scopes` are null: not scope-limited).
 */
async function callerFor(headers: Headers, smartRead: SmartReadType | undefined): Promise<{ actor: Actor | null; scopes: string[] | null }> {
  if (!smartRead) return { actor: await actorFromHeaders(headers), scopes: null };
  return (await fhirAuthFromHeaders(headers)) ?? { actor: null, scopes: null };
}

/**
 * The signed-in caller for these headers, as a RequestContext. Throws `unauthenticated` (401)
 * without a valid token or session; `forbidden` (403) for a cross-site cookie write or while
 * two-factor set-up is still owed. Not audited: nobody is known yet, or the caller is themself.
 */
export async function authenticate(headers: Headers, facts: RequestFacts, opts: AuthenticateOptions = {}): Promise<RequestContext> {
  const { actor, scopes } = await callerFor(headers, opts.smartRead);
  if (opts.limit) await enforceRateLimit(opts.limit, { userId: actor?.id, ip: facts.ip });
  if (!actor) throw Unauthenticated();
  if (opts.smartRead) requireScope(scopes, opts.smartRead, "r");
  if (actor.sessionId && opts.request) assertSameOrigin(opts.request); // cookie sessions only; tokens are not ambient
  if (actor.mfaSetupRequired && !opts.duringMfaSetup) throw Forbidden("Set up two-factor sign-in first");
  return { actor, requestId: facts.requestId, ip: facts.ip };
}

/** The role gate: throws `forbidden` (403) after writing a denial audit row named `action`. */
export async function authorize(ctx: RequestContext, roles: Exclude<Roles, "public">, action: string, resourceType = "endpoint"): Promise<void> {
  if (roles === "any" || roles.includes(ctx.actor.role)) return;
  await auditDenial(ctx, { action, resourceType });
  throw Forbidden();
}

/** Parse `raw` with the endpoint's input schema (422 naming each field) and run it. */
export function execute<R extends Roles, S extends z.ZodType, O>(ep: Endpoint<R, S, O>, db: Database, ctx: ContextFor<R>, raw: unknown): Promise<O> {
  return ep.run(db, ctx, parseOrThrow(ep.input, raw));
}
