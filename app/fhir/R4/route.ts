import { db } from "@/lib/db/client";
import { readFhirBody } from "@/lib/fhir/body";
import { fhirResponse, fhirRoute } from "@/lib/fhir/http";
import { ingestTransaction } from "@/lib/fhir/ingest";
import { allowOnly, methodNotAllowed } from "@/lib/fhir/unsupported";

/** Referral in: POST /fhir/R4 with a transaction Bundle (SPEC §12). */
export const POST = fhirRoute(async ({ req, ctx }) => {
  const { bundle } = await ingestTransaction(db, ctx, await readFhirBody(req));
  return fhirResponse(bundle, 200);
});

const ALLOW = ["POST"];
export const GET = methodNotAllowed(ALLOW);
export const PUT = methodNotAllowed(ALLOW);
export const DELETE = methodNotAllowed(ALLOW);
export const PATCH = methodNotAllowed(ALLOW);
export const OPTIONS = allowOnly(ALLOW);
