/** Small helpers every mapper shares: references, meta from a row's version, codings. */
import type { CodeableConcept, Meta, Reference } from "fhir/r4";

export const ref = (type: string, id: string, display?: string): Reference => ({ reference: `${type}/${id}`, ...(display ? { display } : {}) });

/** meta from the instant a row last changed: versionId is its epoch milliseconds. */
export function metaOf(changedAt: Date, profile?: string[]): Meta {
  return { versionId: String(changedAt.getTime()), lastUpdated: changedAt.toISOString(), ...(profile ? { profile } : {}) };
}

export const concept = (system: string, code: string, display?: string, text?: string): CodeableConcept => ({
  coding: [{ system, code, ...(display ? { display } : {}) }],
  ...(text ? { text } : {}),
});

/** Id of the resource a "Type/id" (or absolute …/Type/id) reference points to, when of `type`. */
export function refId(reference: string | undefined, type: string): string | null {
  if (!reference) return null;
  const m = new RegExp(`(?:^|/)${type}/([A-Za-z0-9\\-.]{1,64})(?:/_history/.*)?$`).exec(reference);
  return m ? m[1]! : null;
}
