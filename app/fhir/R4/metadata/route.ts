import { capabilityStatement } from "@/lib/fhir/capability";
import { fhirResponse, publicFhirRoute } from "@/lib/fhir/http";

export const GET = publicFhirRoute(() => fhirResponse(capabilityStatement()));
