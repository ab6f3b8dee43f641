/**
 * The one result type of every endpoint, whichever adapter carries it (route handler, server
 * action, browser client): `{ ok: true, data }` or `{ ok: false, code, message, fields? }`. A
 * failure is built from a DomainError's `code` — never from its message text — and anything that is
 * not a DomainError becomes a generic "internal" failure whose message never echoes the error.
 * Safe to import from client components (no server-only imports).
 */
import type { ErrorCode, FieldErrors } from "../errors";

export type FailureCode = ErrorCode | "internal";

export type Failure = { ok: false; code: FailureCode; message: string; fields?: FieldErrors; requestId?: string };
export type Success<T> = { ok: true; data: T };
export type Result<T> = Success<T> | Failure;

/** The generic message of an unexpected error; the request id lets support find the log line. */
export const INTERNAL_MESSAGE = "Something went wrong; the request id identifies it";

export const ok = <T>(data: T): Success<T> => ({ ok: true, data });

/** The first message of each field, for forms that show one line beside each input. */
export function firstFieldMessages(fields: FieldErrors | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields ?? {})) if (v[0]) out[k] = v[0];
  return out;
}
