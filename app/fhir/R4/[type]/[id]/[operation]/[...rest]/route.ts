import { unknownPath } from "@/lib/fhir/unsupported";

/** Four or more segments (Patient/x/_history/1, …): not served — an audited 404 OperationOutcome. */
export const GET = unknownPath;
export const POST = unknownPath;
export const PUT = unknownPath;
export const DELETE = unknownPath;
export const PATCH = unknownPath;
export const OPTIONS = unknownPath;
