import { capabilityStatement } from "@/lib/fhir/capability";
import { fhirResponse, publicFhirRoute } from "@/lib/fhir/http";
import { allowOnly, publicMethodNotAllowed } from "@/lib/fhir/unsupported";

export const GET = publicFhirRoute(() => fhirResponse(capabilityStatement()));

const ALLOW = ["GET"];
export const POST = publicMethodNotAllowed(ALLOW);
export const PUT = publicMethodNotAllowed(ALLOW);
export const DELETE = publicMethodNotAllowed(ALLOW);
export const PATCH = publicMethodNotAllowed(ALLOW);
export const OPTIONS = allowOnly(ALLOW);
