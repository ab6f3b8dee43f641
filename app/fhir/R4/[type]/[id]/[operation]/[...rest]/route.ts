import { unknownPathMethods } from "@/lib/fhir/unsupported";

/** Four or more segments (Patient/x/_history/1, …): not served — an audited 404 OperationOutcome. */
export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = unknownPathMethods;
