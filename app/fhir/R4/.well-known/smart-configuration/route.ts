import { smartConfiguration } from "@/lib/fhir/capability";
import { publicFhirRoute } from "@/lib/fhir/http";
import { json } from "@/lib/http/respond";
import { otherMethods } from "@/lib/fhir/unsupported";

export const GET = publicFhirRoute(() => json(smartConfiguration()));

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods(["GET"], { public: true });
