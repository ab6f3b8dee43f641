/**
 * The one error the photo pipeline throws for a file that will never process (undecodable,
 * truncated, too large, wrong format). The worker marks the photo `rejected` with `reason` and
 * does not retry; anything else is treated as transient.
 */

/** A permanently unusable photo. `reason` is plain language for the referrer and holds no PHI. */
export class PhotoRejectedError extends Error {
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
    this.name = "PhotoRejectedError";
  }
}

/** Type guard for {@link PhotoRejectedError}. */
export function isPhotoRejectedError(e: unknown): e is PhotoRejectedError {
  return e instanceof PhotoRejectedError;
}
