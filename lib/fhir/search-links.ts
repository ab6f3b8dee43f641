/**
 * The self and next links of a searchset Bundle. A GET search repeats its own parameters (the
 * client chose to put them in a URL); a POST `_search` names only its stored search's opaque
 * handle (`_getpages`, lib/fhir/search-handles.ts), so the parameters a form body kept out of URLs,
 * access logs and proxies stay out of the links a client follows too. Either way `_page` is the
 * keyset cursor of the page (ids and a timestamp, never PHI).
 */
import type { BundleLink } from "fhir/r4";
import { fhirBase } from "./codes";

/** The parameter that names a stored search (HAPI FHIR uses the same name for its paging ids). */
export const SEARCH_HANDLE_PARAM = "_getpages";
/** How long a stored search's handle pages (from the search, not sliding); the CapabilityStatement says so. */
export const SEARCH_HANDLE_TTL_MS = 60 * 60_000;

/**
 * Links of one page of a search on `type` asked with `query`: `page` is the cursor this page began
 * at, `next` the next page's (null on the last page), `handle` the stored search of a POST.
 */
export function searchLinks(type: string, query: URLSearchParams, page: string | undefined, next: string | null, handle?: string): BundleLink[] {
  const self = new URL(`${fhirBase()}/${type}`);
  if (handle) self.searchParams.set(SEARCH_HANDLE_PARAM, handle);
  else query.forEach((v, k) => k !== "_page" && self.searchParams.append(k, v));
  const links: BundleLink[] = [{ relation: "self", url: `${self}${page ? `${self.search ? "&" : "?"}_page=${page}` : ""}` }];
  if (next) {
    const url = new URL(self);
    url.searchParams.set("_page", next);
    links.push({ relation: "next", url: url.toString() });
  }
  return links;
}
