/**
 * What /fhir/R4 answers for everything it does not offer (SPEC §12 "every error is an
 * OperationOutcome"): a method the path does not support is 405 with an Allow header, a path
 * DermRelay does not serve (history, deeper paths) is 404 not-found — both FHIR JSON, never the
 * framework's empty 405 or HTML 404. Authenticated callers' refusals are audited as denied, like
 * every other refused FHIR access; anonymous callers get 401 first (fhirRoute), as elsewhere.
 */
import { auditDenial } from "../audit/record";
import { fhirRoute, publicFhirRoute, type FhirContext } from "./http";
import { FhirError, issue } from "./outcome";

type AnyParams = Record<string, string | string[]>;

const typeOf = (params: AnyParams) => (typeof params.type === "string" ? params.type.slice(0, 40) : "system");

const notAllowed = (method: string, allow: readonly string[]) =>
  new FhirError(405, [issue("not-supported", `${method} is not supported here; allowed: ${allow.join(", ")}`)], { allow: allow.join(", ") });

/** Refuse `req.method` on this path: a denial audit row, then 405 with `Allow: allow`. */
export async function refuseMethod(ctx: FhirContext, req: Request, params: AnyParams, allow: readonly string[]): Promise<never> {
  await auditDenial(ctx, { action: "fhir.unsupported", resourceType: typeOf(params), details: { method: req.method, allow: allow.join(", ") } });
  throw notAllowed(req.method, allow);
}

/** A handler for a method the path does not support. */
export function methodNotAllowed(allow: readonly string[]) {
  return fhirRoute<AnyParams>(({ req, params, ctx }) => refuseMethod(ctx, req, params, allow));
}

/** The same for the public endpoints (metadata, SMART configuration): nobody to audit. */
export function publicMethodNotAllowed(allow: readonly string[]) {
  return publicFhirRoute((req) => {
    throw notAllowed(req.method, allow);
  });
}

/** A path DermRelay does not serve: audited 404 not-found, whatever the method. */
export const unknownPath = fhirRoute<AnyParams>(async ({ req, params, ctx }) => {
  await auditDenial(ctx, { action: "fhir.unsupported", resourceType: typeOf(params), details: { method: req.method } });
  throw new FhirError(404, [issue("not-found", "This FHIR path is not supported")]);
});

/** OPTIONS: the truthful Allow (Next would otherwise list every exported method). */
export function allowOnly(allow: readonly string[]) {
  return async () => new Response(null, { status: 204, headers: { allow: [...allow, "OPTIONS"].join(", ") } });
}

const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH"] as const;
type Method = (typeof METHODS)[number];

/** What `[type]/{id}` supports per type: read everywhere; update and delete of Subscriptions only. */
export const instanceAllow = (type: string): readonly Method[] => (type === "Subscription" ? ["GET", "PUT", "DELETE"] : ["GET"]);
type Handler = (req: Request, segment: { params: Promise<AnyParams> }) => Promise<Response>;

/**
 * The handlers a route file exports for every method it does not offer (405 + Allow, audited for
 * known callers; `public` for paths nobody signs in to) and its OPTIONS:
 * `export const { PUT, DELETE, PATCH, OPTIONS } = otherMethods(["GET", "POST"]);`
 */
export function otherMethods<A extends Method>(allow: readonly A[], opts: { public?: boolean } = {}): Record<Exclude<Method, A> | "OPTIONS", Handler> {
  const refuse = (opts.public ? publicMethodNotAllowed(allow) : methodNotAllowed(allow)) as Handler;
  const handlers: Partial<Record<Method | "OPTIONS", Handler>> = { OPTIONS: allowOnly(allow) };
  for (const m of METHODS) if (!allow.includes(m as A)) handlers[m] = refuse;
  return handlers as Record<Exclude<Method, A> | "OPTIONS", Handler>;
}

/** Every method of a path DermRelay does not serve: the audited 404. */
export const unknownPathMethods = Object.fromEntries([...METHODS, "OPTIONS"].map((m) => [m, unknownPath])) as Record<Method | "OPTIONS", Handler>;
