import { db } from "@/lib/db/client";
import { NotFound } from "@/lib/errors";
import { patientEverything } from "@/lib/fhir/everything";
import { fhirResponse, fhirRoute } from "@/lib/fhir/http";
import { allowOnly, methodNotAllowed } from "@/lib/fhir/unsupported";

/** Instance operations: only Patient/{id}/$everything. */
export const GET = fhirRoute<{ type: string; id: string; operation: string }>(async ({ params, ctx }) => {
  if (params.type !== "Patient" || decodeURIComponent(params.operation) !== "$everything") throw NotFound("Operation not supported");
  return fhirResponse(await patientEverything(db, ctx, params.id));
});

const ALLOW = ["GET"];
export const POST = methodNotAllowed(ALLOW);
export const PUT = methodNotAllowed(ALLOW);
export const DELETE = methodNotAllowed(ALLOW);
export const PATCH = methodNotAllowed(ALLOW);
export const OPTIONS = allowOnly(ALLOW);
