/** Request facts for audit rows and logs: client address and a request id. */
import { randomUUID } from "node:crypto";

/** The client address as the nearest proxy reports it (first X-Forwarded-For hop), else null. */
export function clientIp(headers: Headers | undefined | null): string | null {
  const forwarded = headers?.get("x-forwarded-for");
  if (forwarded) return forwarded.split(",")[0]!.trim().slice(0, 64) || null;
  return headers?.get("x-real-ip")?.slice(0, 64) ?? null;
}

/** What a request id may be: a short token (no PHI fits, nothing to escape in a log or a job payload). */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,64}$/;

/** Reuse a caller's X-Request-Id when it is a sane token, else mint one. */
export function requestIdFrom(headers: Headers | undefined | null): string {
  const given = headers?.get("x-request-id");
  return given && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
}
