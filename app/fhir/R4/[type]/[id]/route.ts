import { db } from "@/lib/db/client";
import { NotFound } from "@/lib/errors";
import { readSearchForm } from "@/lib/fhir/body";
import { fhirResponse, fhirRoute, versionHeaders, type FhirContext } from "@/lib/fhir/http";
import { readResource } from "@/lib/fhir/read";
import { search } from "@/lib/fhir/search";
import { isSearchType } from "@/lib/fhir/search-params";
import { allowOnly, methodNotAllowed, refuseMethod } from "@/lib/fhir/unsupported";

type Params = { type: string; id: string };

/** `[type]/_search` (GET or POST): the same search as GET [type], parameters from the URL and/or the form. */
async function searchVia(ctx: FhirContext, type: string, url: URL): Promise<Response> {
  if (!isSearchType(type)) throw NotFound(`Searching ${type.slice(0, 40)} is not supported`);
  url.pathname = url.pathname.replace(/\/_search\/?$/, "");
  return fhirResponse(await search(db, ctx, type, url));
}

/** Read: GET /fhir/R4/{type}/{id}, with ETag / Last-Modified from the row's version. */
export const GET = fhirRoute<Params>(async ({ req, params, ctx }) => {
  if (params.id === "_search") return searchVia(ctx, params.type, new URL(req.url));
  const resource = await readResource(db, ctx, params.type, params.id);
  const headers = versionHeaders(resource);
  if (headers.etag && req.headers.get("if-none-match") === headers.etag) return new Response(null, { status: 304, headers });
  return fhirResponse(resource, 200, headers);
});

const ALLOW = ["GET"];
const refuse = methodNotAllowed(ALLOW);

/** POST [type]/_search with a form body (SPEC §9: no PHI in URLs); any other POST is 405. */
export const POST = fhirRoute<Params>(async ({ req, params, ctx }) => {
  if (params.id !== "_search") return refuseMethod(ctx, req, params, ALLOW);
  return searchVia(ctx, params.type, await readSearchForm(req));
});
export const PUT = refuse;
export const DELETE = refuse;
export const PATCH = refuse;
export const OPTIONS = allowOnly(ALLOW);
