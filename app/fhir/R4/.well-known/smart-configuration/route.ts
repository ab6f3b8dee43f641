import { smartConfiguration } from "@/lib/fhir/capability";
import { publicFhirRoute } from "@/lib/fhir/http";
import { json } from "@/lib/http/respond";

export const GET = publicFhirRoute(() => json(smartConfiguration()));
