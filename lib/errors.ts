/**
 * Typed domain errors. Services throw these; one mapper (lib/http/respond.ts) turns them into the
 * SPEC §8 error envelope. Anything else that escapes becomes a generic 500 whose message never
 * reaches the client, so messages here must never contain PHI.
 */
export type ErrorCode =
  | "bad_request"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "invalid"
  | "rate_limited"
  | "unavailable";

export const ERROR_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid: 422,
  rate_limited: 429,
  unavailable: 503,
};

/** Field-level messages, keyed by dotted path ("history.bodySites"). */
export type FieldErrors = Record<string, string[]>;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
    this.name = "DomainError";
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const BadRequest = (message = "Malformed request") => new DomainError("bad_request", message);
export const Unauthenticated = (message = "Sign in required") => new DomainError("unauthenticated", message);
export const Forbidden = (message = "Not allowed for your role") => new DomainError("forbidden", message);
export const NotFound = (message = "Not found") => new DomainError("not_found", message);
export const Conflict = (message: string) => new DomainError("conflict", message);
export const PayloadTooLarge = (message = "Payload too large") => new DomainError("payload_too_large", message);
export const UnsupportedMediaType = (message = "Unsupported media type") =>
  new DomainError("unsupported_media_type", message);
export const Invalid = (message: string, fields?: FieldErrors) => new DomainError("invalid", message, fields);
export const RateLimited = (message = "Too many requests") => new DomainError("rate_limited", message);

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
