import { db } from "@/lib/db/client";
import { NotFound } from "@/lib/errors";
import { readFhirBody, readSearchForm } from "@/lib/fhir/body";
import { fhirResponse, fhirRoute, versionHeaders, type FhirContext } from "@/lib/fhir/http";
import { readResource } from "@/lib/fhir/read";
import { searchByForm, searchByUrl } from "@/lib/fhir/search-handles";
import { isSearchType } from "@/lib/fhir/search-params";
import { deleteSubscription, MAX_SUBSCRIPTION_BYTES, updateSubscription } from "@/lib/fhir/subscriptions";
import { allowOnly, instanceAllow, refuseMethod } from "@/lib/fhir/unsupported";

type Params = { type: string; id: string };

/**
 * `[type]/_search`: GET is the same search as GET [type]; POST takes parameters from the URL and/or
 * the form and pages through a stored search, so its links carry no parameter (search-handles.ts).
 */
async function searchVia(ctx: FhirContext, type: string, url: URL, via: "url" | "form"): Promise<Response> {
  if (!isSearchType(type)) throw NotFound(`Searching ${type.slice(0, 40)} is not supported`);
  url.pathname = url.pathname.replace(/\/_search\/?$/, "");
  return fhirResponse(await (via === "form" ? searchByForm : searchByUrl)(db, ctx, type, url));
}

/** Read: GET /fhir/R4/{type}/{id}, with ETag / Last-Modified from the row's version. */
export const GET = fhirRoute<Params>(async ({ req, params, ctx }) => {
  if (params.id === "_search") return searchVia(ctx, params.type, new URL(req.url), "url");
  const resource = await readResource(db, ctx, params.type, params.id);
  const headers = versionHeaders(resource);
  if (headers.etag && req.headers.get("if-none-match") === headers.etag) return new Response(null, { status: 304, headers });
  return fhirResponse(resource, 200, headers);
});

/** POST [type]/_search with a form body (SPEC §9: no PHI in URLs); any other POST is 405. */
export const POST = fhirRoute<Params>(async ({ req, params, ctx }) => {
  if (params.id !== "_search") return refuseMethod(ctx, req, params, instanceAllow(params.type));
  return searchVia(ctx, params.type, await readSearchForm(req), "form");
});

/** Update: only Subscription, only (re)activation (lib/fhir/subscriptions.ts); 405 for every other type. */
export const PUT = fhirRoute<Params>(async ({ req, params, ctx }) => {
  if (!instanceAllow(params.type).includes("PUT")) return refuseMethod(ctx, req, params, instanceAllow(params.type));
  const updated = await updateSubscription(db, ctx, params.id, await readFhirBody(req, MAX_SUBSCRIPTION_BYTES));
  return fhirResponse(updated, 200, versionHeaders(updated));
});

/** Delete: only Subscription, 204 No Content (R4 http.html#delete); 405 for every other type. */
export const DELETE = fhirRoute<Params>(async ({ req, params, ctx }) => {
  if (!instanceAllow(params.type).includes("DELETE")) return refuseMethod(ctx, req, params, instanceAllow(params.type));
  await deleteSubscription(db, ctx, params.id);
  return new Response(null, { status: 204 });
});

export const PATCH = fhirRoute<Params>(({ req, params, ctx }) => refuseMethod(ctx, req, params, instanceAllow(params.type)));

/** OPTIONS: the truthful Allow of this type's instances. */
export async function OPTIONS(_req: Request, segment: { params: Promise<Params> }): Promise<Response> {
  return allowOnly(instanceAllow((await segment.params).type))();
}
