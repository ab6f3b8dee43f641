import { db } from "@/lib/db/client";
import { fhirResponse, fhirRoute, versionHeaders } from "@/lib/fhir/http";
import { readResource } from "@/lib/fhir/read";

/** Read: GET /fhir/R4/{type}/{id}, with ETag / Last-Modified from the row's version. */
export const GET = fhirRoute<{ type: string; id: string }>(async ({ req, params, ctx }) => {
  const resource = await readResource(db, ctx, params.type, params.id);
  const headers = versionHeaders(resource);
  if (headers.etag && req.headers.get("if-none-match") === headers.etag) return new Response(null, { status: 304, headers });
  return fhirResponse(resource, 200, headers);
});
