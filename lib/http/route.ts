/**
 * The wrapper every API route handler goes through: request id → authenticate → role gate →
 * handler → one error mapping. Role gates are a first line only; services check policies again
 * next to the data.
 */
import type { Role } from "../db/schema/enums";
import type { RequestContext } from "../auth/actor";
import { actorFromHeaders } from "../auth/current";
import { auditDenial } from "../audit/record";
import { Forbidden, Unauthenticated } from "../errors";
import { assertSameOrigin } from "./origin";
import { logger } from "../log";
import { errorResponse } from "./respond";
import { apiLimitClass, enforceRateLimit } from "./rate-limit";
import { clientIp, requestIdFrom } from "./request-info";

type Segment<P> = { params: Promise<P> };

/** Reachable before two-factor set-up is done, so the client can learn why everything else is 403. */
const MFA_EXEMPT = new Set(["/api/v1/me", "/api/session"]);

export type ApiHandler<P> = (args: { req: Request; params: P; ctx: RequestContext }) => Promise<Response>;
export type PublicHandler<P> = (args: { req: Request; params: P; requestId: string }) => Promise<Response>;

/** One access-log line per API request: ids and path only (paths carry ids, never PHI). */
function logged(req: Request, res: Response, requestId: string, started: number, actorId?: string): Response {
  res.headers.set("x-request-id", requestId);
  logger.info(
    { requestId, method: req.method, path: new URL(req.url).pathname, status: res.status, ms: Math.round(performance.now() - started), actorId },
    "api request",
  );
  return res;
}

/** An authenticated endpoint; `roles` limits who may call it at all (403 for others, audited). */
export function apiRoute<P = Record<string, never>>(roles: readonly Role[] | "any", handler: ApiHandler<P>) {
  return async (req: Request, segment: Segment<P>): Promise<Response> => {
    const requestId = requestIdFrom(req.headers);
    const ip = clientIp(req.headers);
    const started = performance.now();
    let actorId: string | undefined;
    try {
      const actor = await actorFromHeaders(req.headers);
      actorId = actor?.id;
      await enforceRateLimit(apiLimitClass(req.method, new URL(req.url).pathname), { userId: actor?.id, ip });
      if (!actor) throw Unauthenticated();
      if (actor.sessionId) assertSameOrigin(req); // cookie sessions only; tokens are not ambient
      if (actor.mfaSetupRequired && !MFA_EXEMPT.has(new URL(req.url).pathname)) {
        throw Forbidden("Set up two-factor sign-in first");
      }
      const ctx: RequestContext = { actor, requestId, ip };
      if (roles !== "any" && !roles.includes(actor.role)) {
        await auditDenial(ctx, { action: `${req.method} ${new URL(req.url).pathname}`, resourceType: "endpoint" });
        throw Forbidden();
      }
      const params = (await segment?.params) ?? ({} as P);
      return logged(req, await handler({ req, params, ctx }), requestId, started, actorId);
    } catch (err) {
      return logged(req, errorResponse(err, requestId), requestId, started, actorId);
    }
  };
}

/** An endpoint anyone may call (health, OpenAPI). */
export function publicRoute<P = Record<string, never>>(handler: PublicHandler<P>) {
  return async (req: Request, segment: Segment<P>): Promise<Response> => {
    const requestId = requestIdFrom(req.headers);
    const started = performance.now();
    try {
      await enforceRateLimit("public", { ip: clientIp(req.headers) });
      const params = (await segment?.params) ?? ({} as P);
      return logged(req, await handler({ req, params, requestId }), requestId, started);
    } catch (err) {
      return logged(req, errorResponse(err, requestId), requestId, started);
    }
  };
}
