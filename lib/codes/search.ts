/**
 * Type-ahead search over the bundled code lists (body sites, ICD-10-CM diagnoses). A specialist
 * types either a code ("C43", "c44.3") or words of the description ("basal cell", "psor"), so
 * both are matched; code matches rank first because typing a code is a precise intent.
 * Matching is case- and accent-insensitive and folds common British spellings ("naevus",
 * "haemangioma", "oedema", "tumour") onto the US forms used by ICD-10-CM.
 */

import { z } from "zod";

/** The query of the code-list search endpoints (`?q=&limit=`). */
export const codeSearchQuerySchema = z.strictObject({ q: z.string().max(100).default(""), limit: z.coerce.number().int().min(1).max(200).default(20) });

/** Anything with a code and a label: both bundled lists qualify. */
export interface CodedEntry {
  readonly code: string;
  readonly label: string;
}

/** Default number of results returned by {@link searchCodes}. */
export const DEFAULT_SEARCH_LIMIT = 20;

/** Lower-case, strip diacritics, fold British spellings onto US ones. Applied to both sides. */
function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/ae/g, "e")
    .replace(/oe/g, "e")
    .replace(/our\b/g, "or");
}

function words(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** Codes compare without dots or spaces so "C443", "c44.3" and "C44.3" are the same prefix. */
function compactCode(text: string): string {
  return text.toUpperCase().replace(/[\s.]/g, "");
}

/**
 * Search `list` for `q`, returning at most `limit` entries in a stable order: first entries whose
 * code starts with the query (in list order), then entries where every query word is a prefix of
 * some label word (in list order). An empty or blank query returns the first `limit` entries.
 */
export function searchCodes<T extends CodedEntry>(list: readonly T[], q: string, limit = DEFAULT_SEARCH_LIMIT): T[] {
  const max = Math.max(0, Math.floor(limit));
  const query = q.trim();
  if (query === "") return list.slice(0, max);

  const codeQuery = compactCode(query);
  const queryWords = words(query);
  const byCode: T[] = [];
  const byLabel: T[] = [];
  for (const entry of list) {
    if (codeQuery !== "" && compactCode(entry.code).startsWith(codeQuery)) {
      byCode.push(entry);
    } else if (queryWords.length > 0) {
      const labelWords = words(entry.label);
      if (queryWords.every((qw) => labelWords.some((lw) => lw.startsWith(qw)))) byLabel.push(entry);
    }
  }
  return [...byCode, ...byLabel].slice(0, max);
}
