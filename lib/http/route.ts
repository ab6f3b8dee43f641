/**
 * The route-handler adapter of an endpoint (lib/http/endpoint.ts): request id → authenticate
 * (token or cookie; same-origin rule for cookie writes; two-factor gate) → audited role gate →
 * read the raw input from where this route keeps it → parse → run → respond, with one error
 * mapping (lib/http/respond.ts) and one access-log line. Every route handler of the app,
 * public ones included, is an endpoint carried by this adapter.
 */
import type { z } from "zod";
import type { RequestContext } from "../auth/actor";
import { db } from "../db/client";
import { logger } from "../log";
import { authenticate, authorize, execute, type Endpoint, type PublicContext, type Roles } from "./endpoint";
import { queryObject, readJsonBody } from "./body";
import { csvResponse, wantsCsv } from "./csv";
import { errorResponse, json } from "./respond";
import { notifyApiResponse } from "./observe";
import { apiLimitClass, enforceRateLimit } from "./rate-limit";
import { clientIp, requestIdFrom } from "./request-info";

type Segment<P> = { params: Promise<P> };

/** Where a route's raw input comes from; the endpoint's schema then parses it. */
export type InputSource<P> = (req: Request, params: P) => unknown;
/** How a route answers the endpoint's data. */
export type Responder<O> = (data: O, req: Request) => Response;

/** Input sources: nothing, route params, the query, the JSON body, a combination, or the request itself (streams). */
export const from = {
  none: (() => undefined) as InputSource<unknown>,
  params: <P>(_req: Request, params: P) => params,
  query: (req: Request) => queryObject(req),
  json: (req: Request) => readJsonBody(req),
  /** `{ ...params, ...query }` — params win, so a query key cannot override a path segment. */
  queryAndParams: <P>(req: Request, params: P) => ({ ...queryObject(req), ...params }),
  /** `{ ...params, body }` — the body stays whole for a service that parses it itself. */
  jsonAndParams: async <P>(req: Request, params: P) => ({ ...params, body: await readJsonBody(req) }),
  /** `{ ...params, request }` — for a body read as a stream by the service (photo upload). */
  stream: <P>(req: Request, params: P) => ({ ...params, request: req }),
};

/** Responders: JSON with a status, 204, JSON or 204 when there is nothing, or a Response built by the endpoint. */
export const respond = {
  json:
    (status = 200) =>
    (data: unknown) =>
      json(data, status),
  noContent: () => json(null, 204),
  jsonOrNoContent: (data: unknown) => (data === null || data === undefined ? json(null, 204) : json(data)),
  raw: (data: Response) => data,
  /** A CSV download. */
  csv: (data: { csv: string; filename: string }) => csvResponse(data.csv, data.filename),
  /** Bytes shown inline (a photo rendition), never cached. */
  bytes:
    (contentType: string) =>
    (data: Uint8Array) =>
      new Response(new Uint8Array(data), {
        headers: {
          "content-type": contentType,
          "content-length": String(data.length),
          "cache-control": "private, no-store",
          "x-content-type-options": "nosniff",
          "content-disposition": "inline",
        },
      }),
};

const DEFAULT_RESPOND = respond.json();

function pathOf(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start < 0) return "/";
  let end = url.length;
  const q = url.indexOf("?", start);
  if (q >= 0) end = q;
  const h = url.indexOf("#", start);
  if (h >= 0 && h < end) end = h;
  return url.slice(start, end);
}

/** One access-log line per API request: ids and path only (paths carry ids, never PHI). */
function logged(req: Request, path: string, res: Response, requestId: string, started: number, actorId?: string): Response {
  res.headers.set("x-request-id", requestId);
  if (logger.isLevelEnabled("info")) {
    logger.info({ requestId, method: req.method, path, status: res.status, ms: Math.round(performance.now() - started), actorId }, "api request");
  }
  notifyApiResponse(req, res); // the integration suite's OpenAPI check (lib/http/observe.ts)
  return res;
}

/** A route handler for `ep`: `input` says where its raw input is, `respond` how to answer (JSON 200 by default). */
export function route<R extends Roles, S extends z.ZodType, O, P = Record<string, never>>(
  ep: Endpoint<R, S, O>,
  opts: { input?: InputSource<P>; respond?: Responder<O> } = {},
) {
  const read = (opts.input ?? from.none) as InputSource<P>;
  const answer = (opts.respond ?? DEFAULT_RESPOND) as Responder<O>;
  return async (req: Request, segment: Segment<P>): Promise<Response> => {
    const started = performance.now();
    const requestId = requestIdFrom(req.headers);
    const ip = clientIp(req.headers);
    const path = pathOf(req.url);
    let actorId: string | undefined;
    try {
      let ctx: RequestContext | PublicContext;
      if (ep.roles === "public") {
        await enforceRateLimit(ep.limit ?? "public", { ip });
        ctx = { actor: null, requestId, ip };
      } else {
        const authed = await authenticate(req.headers, { requestId, ip }, { request: req, duringMfaSetup: ep.duringMfaSetup, smartRead: ep.smartRead, limit: ep.limit ?? apiLimitClass(req.method, path) });
        actorId = authed.actor.id;
        await authorize(authed, ep.roles as Exclude<Roles, "public">, `${req.method} ${path}`);
        ctx = authed;
      }
      const params = ((await segment?.params) ?? {}) as P;
      const data = await execute(ep, db, ctx as never, await read(req, params));
      return logged(req, path, answer(data, req), requestId, started, actorId);
    } catch (err) {
      return logged(req, path, errorResponse(err, requestId), requestId, started, actorId);
    }
  };
}

type Handler<P> = (req: Request, segment: Segment<P>) => Promise<Response>;

/**
 * Content negotiation between two representations of one resource: the CSV handler when the
 * client asks for it (`?format=csv`, or an Accept header preferring text/csv), else the JSON one.
 * A bad `format` value reaches the JSON handler, whose schema refuses it (422).
 */
export function negotiated<P>(handlers: { json: Handler<P>; csv: Handler<P> }): Handler<P> {
  return (req, segment) => (wantsCsv(req, queryObject(req).format) ? handlers.csv : handlers.json)(req, segment);
}
