/**
 * Reading a FHIR request body: `application/fhir+json` (or JSON), capped while reading. Bundles
 * with inline photos are large (12 photos × 25 MB, base64), so the cap is the photo budget.
 */
import { BadRequest, UnsupportedMediaType } from "../errors";
import { readTextCapped } from "../http/body";
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_CASE } from "../photos/limits";

/** Base64 of every photo a case may hold, plus room for the resources around them. */
export const MAX_FHIR_BODY_BYTES = Math.ceil((MAX_PHOTO_BYTES * MAX_PHOTOS_PER_CASE * 4) / 3) + 1024 * 1024;

export async function readFhirBody(req: Request, limit = MAX_FHIR_BODY_BYTES): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/(fhir\+)?json\b/i.test(type)) throw UnsupportedMediaType("Send the body as application/fhir+json");
  const text = await readTextCapped(req, limit);
  try {
    return JSON.parse(text);
  } catch {
    throw BadRequest("The body is not valid JSON");
  }
}

/** A search form is a handful of parameters; anything bigger is not a search. */
export const MAX_SEARCH_FORM_BYTES = 16 * 1024;

/**
 * `POST [type]/_search`: the parameters of the form body (application/x-www-form-urlencoded, so
 * they stay out of URLs and logs) joined to any in the query string, as FHIR allows both.
 */
export async function readSearchForm(req: Request): Promise<URL> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) throw UnsupportedMediaType("Send search parameters as application/x-www-form-urlencoded");
  const form = new URLSearchParams(await readTextCapped(req, MAX_SEARCH_FORM_BYTES));
  const url = new URL(req.url);
  form.forEach((v, k) => url.searchParams.append(k, v));
  return url;
}
