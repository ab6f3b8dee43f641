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

/** A server action as components receive it (a prop): the previous Result and the form → the next Result. */
export type FormAction<O> = (prev?: Result<O> | null, form?: FormData) => Promise<Result<O>>;

/** The generic message of an unexpected error; the request id lets support find the log line. */
export const INTERNAL_MESSAGE = "Something went wrong; the request id identifies it";

export const ok = <T>(data: T): Success<T> => ({ ok: true, data });

/**
 * The first message of each field, for forms that show one line beside each input; with `prefix`,
 * only fields under it, with `prefix.` stripped ("history.onset" → "onset").
 */
export function firstMessages(fields: FieldErrors | undefined, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, messages] of Object.entries(fields ?? {})) {
    const key = prefix && path.startsWith(`${prefix}.`) ? path.slice(prefix.length + 1) : path;
    if (messages[0] && !(key in out)) out[key] = messages[0];
  }
  return out;
}

/** The first message for `key`, or for any field nested under it ("hours" → "hours.urgent"), of a failed Result. */
export function fieldError(result: Result<unknown> | null | undefined, ...keys: string[]): string | undefined {
  if (!result || result.ok || !result.fields) return undefined;
  const first = firstMessages(result.fields);
  for (const k of keys) {
    if (first[k]) return first[k];
    const nested = Object.keys(first).find((f) => f.startsWith(`${k}.`));
    if (nested) return first[nested];
  }
  return undefined;
}

/** The line to show above a form for a failure: field problems are shown beside the fields. */
export function failureMessage(f: Failure): string {
  if (f.code === "invalid" && f.fields && Object.keys(f.fields).length) return "Check the fields marked below.";
  if (f.code === "internal") return `Something went wrong (request ${f.requestId ?? "unknown"}).`;
  return f.message;
}
