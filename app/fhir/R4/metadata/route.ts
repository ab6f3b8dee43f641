import { capabilityStatement } from "@/lib/fhir/capability";
import { fhirResponse, publicFhirRoute } from "@/lib/fhir/http";
import { otherMethods } from "@/lib/fhir/unsupported";

export const GET = publicFhirRoute(() => fhirResponse(capabilityStatement()));

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods(["GET"], { public: true });
