/** Recognising PostgreSQL errors through drizzle's wrapper (the pg error is the `cause`). */
function pgCode(err: unknown): string | undefined {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.cause?.code ?? e?.code;
}

/** A unique constraint refused the write. */
export const isUniqueViolation = (err: unknown) => pgCode(err) === "23505";
