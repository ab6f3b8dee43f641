/**
 * The FHIR adapter: the same steps as lib/http/endpoint.ts `authenticate` (request id, rate limit
 * per user and address, authentication, same-origin check for cookie sessions, MFA gate), plus the
 * caller's SMART scopes (lib/fhir/auth.ts, which also accepts backend-services tokens), FHIR media
 * types and every error as an OperationOutcome. Handlers stay thin: parse → lib/fhir service → respond.
 */
import type { Resource } from "fhir/r4";
import type { RequestContext } from "../auth/actor";
import { Forbidden, Unauthenticated } from "../errors";
import { assertSameOrigin } from "../http/origin";
import { enforceRateLimit, RateLimitedError } from "../http/rate-limit";
import { clientIp, requestIdFrom } from "../http/request-info";
import { logger } from "../log";
import { fhirAuthFromHeaders } from "./auth";
import { FhirError, outcomeFor } from "./outcome";

export const FHIR_JSON = "application/fhir+json; charset=utf-8";

/** A request context plus the caller's scopes (null = not scope-limited) and credential key (lib/fhir/auth.ts). */
export type FhirContext = RequestContext & { scopes: string[] | null; caller: string };

type Segment<P> = { params: Promise<P> };
type Handler<P> = (args: { req: Request; params: P; ctx: FhirContext }) => Promise<Response>;

/** A FHIR JSON response with the API's privacy headers. */
export function fhirResponse(body: Resource, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": FHIR_JSON, "cache-control": "private, no-store", "x-content-type-options": "nosniff", ...headers },
  });
}

/** ETag from a resource's meta.versionId (the row's version), Last-Modified when it has a lastUpdated. */
export function versionHeaders(r: Resource): Record<string, string> {
  if (!r.meta?.versionId) return {};
  return { etag: `W/"${r.meta.versionId}"`, ...(r.meta.lastUpdated ? { "last-modified": new Date(r.meta.lastUpdated).toUTCString() } : {}) };
}

function finish(req: Request, res: Response, requestId: string, started: number, actorId?: string): Response {
  res.headers.set("x-request-id", requestId);
  logger.info({ requestId, method: req.method, path: new URL(req.url).pathname, status: res.status, ms: Math.round(performance.now() - started), actorId }, "fhir request");
  return res;
}

function errorResponse(err: unknown, requestId: string): Response {
  const { status, body } = outcomeFor(err, requestId);
  const extra: Record<string, string> = status === 401 ? { "www-authenticate": 'Bearer realm="DermRelay FHIR"' } : {};
  if (err instanceof RateLimitedError) extra["retry-after"] = String(err.retryAfterSeconds);
  if (err instanceof FhirError) Object.assign(extra, err.headers);
  return fhirResponse(body, status, extra);
}

/** An authenticated FHIR interaction. */
export function fhirRoute<P = Record<string, never>>(handler: Handler<P>) {
  return async (req: Request, segment: Segment<P>): Promise<Response> => {
    const requestId = requestIdFrom(req.headers);
    const started = performance.now();
    let actorId: string | undefined;
    try {
      const ip = clientIp(req.headers);
      const auth = await fhirAuthFromHeaders(req.headers);
      // The same per-user and per-address buckets as /api/v1; a referral Bundle (photos) counts as an upload.
      await enforceRateLimit(req.method === "POST" && new URL(req.url).pathname.replace(/\/$/, "").endsWith("/fhir/R4") ? "upload" : "api", { userId: auth?.actor.id, ip });
      if (!auth) throw Unauthenticated();
      actorId = auth.actor.id;
      if (auth.actor.sessionId) assertSameOrigin(req);
      if (auth.actor.mfaSetupRequired) throw Forbidden("Set up two-factor sign-in first");
      const ctx: FhirContext = { actor: auth.actor, requestId, ip, scopes: auth.scopes, caller: auth.caller };
      const params = (await segment?.params) ?? ({} as P);
      return finish(req, await handler({ req, params, ctx }), requestId, started, actorId);
    } catch (err) {
      return finish(req, errorResponse(err, requestId), requestId, started, actorId);
    }
  };
}

/** A FHIR endpoint anyone may call (metadata, SMART configuration). */
export function publicFhirRoute(handler: (req: Request) => Promise<Response> | Response) {
  return async (req: Request): Promise<Response> => {
    const requestId = requestIdFrom(req.headers);
    const started = performance.now();
    try {
      await enforceRateLimit("public", { ip: clientIp(req.headers) });
      return finish(req, await handler(req), requestId, started);
    } catch (err) {
      return finish(req, errorResponse(err, requestId), requestId, started);
    }
  };
}
