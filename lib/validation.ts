/**
 * zod helpers shared by every boundary: turn a ZodError into field errors and parse-or-throw
 * with a 422 that names each offending field.
 */
import { z } from "zod";
import { Invalid, type FieldErrors } from "./errors";

export function zodFieldErrors(error: z.ZodError, prefix = ""): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "_";
    (fields[path] ??= []).push(issue.message);
  }
  return fields;
}

/** Parse `input` with `schema`, throwing a 422 DomainError with field errors on failure. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, prefix = ""): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw Invalid("Validation failed", zodFieldErrors(result.error, prefix));
  return result.data;
}

const UUID = z.string().uuid();
/** Whether `s` is a UUID (one schema for every caller: building a zod schema per call costs more than the check). */
export const isUuid = (s: unknown): boolean => UUID.safeParse(s).success;
