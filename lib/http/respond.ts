/**
 * The one place where results and errors become HTTP responses in the SPEC §8 envelope
 * `{"error":{"code","message","fields"?}}`. Unexpected errors are logged and answered with a
 * generic 500 that never echoes their message.
 */
import { isDomainError } from "../errors";
import { logger } from "../log";

const BASE_HEADERS = { "cache-control": "private, no-store", "x-content-type-options": "nosniff" };

/** A JSON response with the API's default headers. */
export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(data), {
    status,
    headers: { ...BASE_HEADERS, ...(status === 204 ? {} : { "content-type": "application/json" }), ...headers },
  });
}

/** Map any thrown value to the error envelope. */
export function errorResponse(err: unknown, requestId: string): Response {
  if (isDomainError(err)) {
    const body = { error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } };
    // A 429 says when to come back (lib/http/rate-limit.ts).
    const retryAfter: Record<string, string> = "retryAfterSeconds" in err ? { "retry-after": String(err.retryAfterSeconds) } : {};
    return json(body, err.status, { "x-request-id": requestId, ...retryAfter });
  }
  logger.error({ err, requestId }, "unhandled error");
  return json({ error: { code: "internal", message: "Something went wrong; the request id identifies it", requestId } }, 500, {
    "x-request-id": requestId,
  });
}
