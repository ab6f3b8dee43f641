/**
 * FHIR errors: every failure of /fhir/R4 is an OperationOutcome with the right status (400, 401,
 * 403, 404, 409, 412, 413, 415, 422, 429). Domain errors map by their code, never by message;
 * field errors become issues whose `expression` names the element.
 */
import type { OperationOutcome, OperationOutcomeIssue } from "fhir/r4";
import { isDomainError, type ErrorCode } from "../errors";
import { logger } from "../log";

type IssueCode = OperationOutcomeIssue["code"];

/** An error that is already FHIR-shaped (a status plus issues), e.g. 412 or invalid elements. */
export class FhirError extends Error {
  constructor(
    readonly status: number,
    readonly issues: OperationOutcomeIssue[],
    /** Response headers the status calls for (405's Allow). */
    readonly headers: Record<string, string> = {},
  ) {
    super(issues[0]?.diagnostics ?? "FHIR error");
    this.name = "FhirError";
  }
}

export const issue = (code: IssueCode, diagnostics: string, expression?: string[]): OperationOutcomeIssue => ({
  severity: "error",
  code,
  diagnostics,
  ...(expression?.length ? { expression } : {}),
});

/** 400/422 naming the offending elements. */
export const invalidElements = (status: 400 | 422, problems: { expression: string; message: string }[]) =>
  new FhirError(status, problems.map((p) => issue(status === 400 ? "structure" : "invalid", p.message, [p.expression])));

const ISSUE_CODE: Record<ErrorCode, IssueCode> = {
  bad_request: "invalid",
  unauthenticated: "login",
  forbidden: "forbidden",
  not_found: "not-found",
  conflict: "conflict",
  payload_too_large: "too-costly",
  unsupported_media_type: "not-supported",
  invalid: "invalid",
  rate_limited: "throttled",
  unavailable: "transient",
};

export function outcome(issues: OperationOutcomeIssue[]): OperationOutcome {
  return { resourceType: "OperationOutcome", issue: issues };
}

/** The status and OperationOutcome for any thrown value (unexpected ones are logged, not echoed). */
export function outcomeFor(err: unknown, requestId: string): { status: number; body: OperationOutcome } {
  if (err instanceof FhirError) return { status: err.status, body: outcome(err.issues) };
  if (isDomainError(err)) {
    const fields = err.fields ? Object.entries(err.fields) : [];
    const issues = fields.length
      ? fields.map(([path, messages]) => issue(ISSUE_CODE[err.code], messages.join("; "), [path]))
      : [issue(ISSUE_CODE[err.code], err.message)];
    return { status: err.status, body: outcome(issues) };
  }
  logger.error({ err, requestId }, "unhandled FHIR error");
  return { status: 500, body: outcome([issue("exception", `Something went wrong; request id ${requestId}`)]) };
}
