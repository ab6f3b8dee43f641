/**
 * The one place where results and errors become HTTP responses in the SPEC §8 envelope
 * `{"error":{"code","message","fields"?}}`. Unexpected errors are logged and answered with a
 * generic 500 that never echoes their message.
 */
import { ERROR_STATUS } from "../errors";
import { toFailure } from "./failure";
import type { Failure } from "./result";

const BASE_HEADERS = { "cache-control": "private, no-store", "x-content-type-options": "nosniff" };
const JSON_HEADERS = { ...BASE_HEADERS, "content-type": "application/json" };

/** A JSON response with the API's default headers. */
export function json(data: unknown, status = 200, headers?: Record<string, string>): Response {
  if (status === 204) return new Response(null, { status, headers: { ...BASE_HEADERS, ...headers } });
  return new Response(JSON.stringify(data), { status, headers: headers ? { ...JSON_HEADERS, ...headers } : JSON_HEADERS });
}

/** A Failure as the error envelope with its HTTP status. */
export function failureResponse(f: Failure, requestId: string): Response {
  const error = { code: f.code, message: f.message, ...(f.fields ? { fields: f.fields } : {}), ...(f.code === "internal" ? { requestId } : {}) };
  return json({ error }, f.code === "internal" ? 500 : ERROR_STATUS[f.code], { "x-request-id": requestId });
}

/** Map any thrown value to the error envelope. */
export function errorResponse(err: unknown, requestId: string): Response {
  const res = failureResponse(toFailure(err, requestId), requestId);
  // A 429 says when to come back (lib/http/rate-limit.ts).
  if (err && typeof err === "object" && "retryAfterSeconds" in err) res.headers.set("retry-after", String(err.retryAfterSeconds));
  return res;
}
