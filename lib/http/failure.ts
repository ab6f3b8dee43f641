/**
 * Any thrown value → a Failure (server side): a DomainError keeps its code, message and fields;
 * anything else is logged with the request id and reported generically.
 */
import { isDomainError } from "../errors";
import { logger } from "../log";
import { INTERNAL_MESSAGE, type Failure } from "./result";

export function toFailure(err: unknown, requestId: string): Failure {
  if (isDomainError(err)) return { ok: false, code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) };
  logger.error({ err, requestId }, "unhandled error");
  return { ok: false, code: "internal", message: INTERNAL_MESSAGE, requestId };
}
