import { smartConfiguration } from "@/lib/fhir/capability";
import { publicFhirRoute } from "@/lib/fhir/http";
import { json } from "@/lib/http/respond";
import { allowOnly, publicMethodNotAllowed } from "@/lib/fhir/unsupported";

export const GET = publicFhirRoute(() => json(smartConfiguration()));

const ALLOW = ["GET"];
export const POST = publicMethodNotAllowed(ALLOW);
export const PUT = publicMethodNotAllowed(ALLOW);
export const DELETE = publicMethodNotAllowed(ALLOW);
export const PATCH = publicMethodNotAllowed(ALLOW);
export const OPTIONS = allowOnly(ALLOW);
