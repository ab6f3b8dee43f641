import { db } from "@/lib/db/client";
import { NotFound } from "@/lib/errors";
import { fhirResponse, fhirRoute } from "@/lib/fhir/http";
import { readFhirBody } from "@/lib/fhir/body";
import { searchByUrl } from "@/lib/fhir/search-handles";
import { isSearchType } from "@/lib/fhir/search-params";
import { createSubscription, MAX_SUBSCRIPTION_BYTES } from "@/lib/fhir/subscriptions";
import { otherMethods } from "@/lib/fhir/unsupported";

/** Search: GET /fhir/R4/{type}?…, or a page of a POST search: GET /fhir/R4/{type}?_getpages=… */
export const GET = fhirRoute<{ type: string }>(async ({ req, params, ctx }) => {
  if (!isSearchType(params.type)) throw NotFound(`Searching ${params.type.slice(0, 40)} is not supported`);
  return fhirResponse(await searchByUrl(db, ctx, params.type, new URL(req.url)));
});

/** Create: only Subscription (referrals come in as transaction Bundles at POST /fhir/R4). */
export const POST = fhirRoute<{ type: string }>(async ({ req, params, ctx }) => {
  if (params.type !== "Subscription") throw NotFound(`Creating ${params.type.slice(0, 40)} is not supported; POST a transaction Bundle to /fhir/R4`);
  const created = await createSubscription(db, ctx, await readFhirBody(req, MAX_SUBSCRIPTION_BYTES));
  return fhirResponse(created, 201, { location: `/fhir/R4/Subscription/${created.id}` });
});

export const { PUT, DELETE, PATCH, OPTIONS } = otherMethods(["GET", "POST"]);
