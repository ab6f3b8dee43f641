/**
 * Any thrown value → a Failure (server side): a DomainError keeps its code, message and fields;
 * anything else is logged with the request id and reported generically.
 */
import { isDatabaseUnavailable } from "../db/errors";
import { isDomainError } from "../errors";
import { logger } from "../log";
import { INTERNAL_MESSAGE, type Failure } from "./result";

export function toFailure(err: unknown, requestId: string): Failure {
  if (isDomainError(err)) return { ok: false, code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) };
  if (isDatabaseUnavailable(err)) {
    // PostgreSQL is down or restarting: a 503, not a 500; nothing was half-written (writes are transactions).
    logger.warn({ requestId, err: (err as Error).message }, "database unavailable");
    return { ok: false, code: "unavailable", message: "The service is temporarily unavailable; try again shortly" };
  }
  logger.error({ err, requestId }, "unhandled error");
  return { ok: false, code: "internal", message: INTERNAL_MESSAGE, requestId };
}
