/**
 * Stored searches for `POST [type]/_search` (SPEC §9: no PHI in URLs). A form body keeps a
 * search's parameters (names, birth dates, MRNs) out of URLs, access logs and proxies; its Bundle's
 * self and next links must not put them back. Like HAPI FHIR's paging by search id, the links name
 * an opaque handle (`_getpages`) for state kept on the server. Unlike HAPI, the server keeps the
 * parameters rather than a list of results: each page runs `search()` again with the caller's
 * current scopes and policies and writes its own `fhir.search` audit row. So a page shows only
 * what the caller may see now, and every page of PHI is audited like the first.
 *
 * - The handle is 32 random bytes (base64url). The row's id is its SHA-256, so nothing in the
 *   table can be used to fetch a page.
 * - A handle belongs to the user, the credential (session, API token or SMART client;
 *   lib/fhir/auth.ts `caller`) and the resource type it was made for. Any other use, like an
 *   unknown handle, is an audited 404 that does not say whether the handle exists.
 * - It expires {@link SEARCH_HANDLE_TTL_MS} after the search (no sliding). The owner then gets
 *   an audited 410 Gone for as long as the row is kept.
 * - The parameters are PHI: they are sealed with the envelope keys photos and SMART secrets use
 *   (lib/smart/sealed.ts, bound to the row id), never logged, and at most
 *   {@link MAX_SEARCH_QUERY_BYTES}. A user keeps at most {@link MAX_SEARCH_HANDLES_PER_OWNER}
 *   handles (the oldest go first).
 * - The maintenance job `fhir-search-handles` drops the parameters of expired rows and deletes
 *   each row {@link SEARCH_HANDLE_TOMBSTONE_MS} after it expired.
 */
import { randomBytes } from "node:crypto";
import type { Bundle } from "fhir/r4";
import { and, desc, eq, inArray, isNotNull, lt, lte } from "drizzle-orm";
import type { Db } from "../db/client";
import { fhirSearchHandles } from "../db/schema";
import { auditDenial } from "../audit/record";
import { NotFound, PayloadTooLarge } from "../errors";
import { seal, unseal } from "../smart/sealed";
import { requireScope } from "./auth";
import { sha256Hex } from "../digest";
import { fhirBase } from "./codes";
import type { FhirContext } from "./http";
import { FhirError, invalidElements, issue } from "./outcome";
import { search, type StoredSearch } from "./search";
import { SEARCH_HANDLE_PARAM, SEARCH_HANDLE_TTL_MS } from "./search-links";
import type { SearchType } from "./search-params";

export const SEARCH_HANDLE_TOMBSTONE_MS = 24 * 60 * 60_000;
export const MAX_SEARCH_HANDLES_PER_OWNER = 100;
/** Twice the form cap (lib/fhir/body.ts): the form plus a query string as long as Node takes. */
export const MAX_SEARCH_QUERY_BYTES = 32 * 1024;

const HANDLE = /^[A-Za-z0-9_-]{43}$/;
const PURPOSE = "fhir-search-handle";

/** The row id of a handle. */
export const searchHandleId = (handle: string) => sha256Hex(handle);
const callerHash = (ctx: FhirContext) => sha256Hex(`${ctx.actor.id}\n${ctx.caller}`);

/**
 * `POST [type]/_search`: run the search (parameters from the form and the URL, lib/fhir/body.ts),
 * then store it under a new handle, which its links carry. A failing search stores nothing.
 */
export async function searchByForm(db: Db, ctx: FhirContext, type: SearchType, url: URL): Promise<Bundle> {
  if (url.searchParams.has(SEARCH_HANDLE_PARAM)) return storedSearchPage(db, ctx, type, url.searchParams);
  const query = new URLSearchParams(url.searchParams);
  query.delete("_page");
  const text = query.toString();
  if (Buffer.byteLength(text) > MAX_SEARCH_QUERY_BYTES) throw PayloadTooLarge("The search parameters are too long");
  const handle = randomBytes(32).toString("base64url");
  const stored: StoredSearch = { handle, id: searchHandleId(handle) };
  const bundle = await search(db, ctx, type, url, stored);
  await db.transaction(async (tx) => {
    await tx.insert(fhirSearchHandles).values({
      id: stored.id,
      ownerId: ctx.actor.id,
      callerHash: callerHash(ctx),
      resourceType: type,
      params: seal(PURPOSE, stored.id, text),
      expiresAt: new Date(Date.now() + SEARCH_HANDLE_TTL_MS),
    });
    const beyondCap = tx
      .select({ id: fhirSearchHandles.id })
      .from(fhirSearchHandles)
      .where(eq(fhirSearchHandles.ownerId, ctx.actor.id))
      .orderBy(desc(fhirSearchHandles.createdAt), desc(fhirSearchHandles.id))
      .offset(MAX_SEARCH_HANDLES_PER_OWNER);
    await tx.delete(fhirSearchHandles).where(and(eq(fhirSearchHandles.ownerId, ctx.actor.id), inArray(fhirSearchHandles.id, beyondCap)));
  });
  return bundle;
}

/** `GET [type]?…` (or `[type]/_search`): a page of a stored search when `_getpages` names one, else the URL's own search. */
export async function searchByUrl(db: Db, ctx: FhirContext, type: SearchType, url: URL): Promise<Bundle> {
  return url.searchParams.has(SEARCH_HANDLE_PARAM) ? storedSearchPage(db, ctx, type, url.searchParams) : search(db, ctx, type, url);
}

/** A page of the caller's stored search: the stored parameters plus the link's `_page`, nothing else. */
async function storedSearchPage(db: Db, ctx: FhirContext, type: SearchType, query: URLSearchParams): Promise<Bundle> {
  requireScope(ctx.scopes, type, "s");
  const other = [...new Set(query.keys())].find((k) => k !== SEARCH_HANDLE_PARAM && k !== "_page");
  if (other) throw invalidElements(400, [{ expression: other.slice(0, 60), message: `A ${SEARCH_HANDLE_PARAM} page runs its stored search; only _page may be added` }]);
  const handles = query.getAll(SEARCH_HANDLE_PARAM);
  const handle = handles.length === 1 && HANDLE.test(handles[0]!) ? handles[0]! : null;
  const [row] = handle ? await db.select().from(fhirSearchHandles).where(eq(fhirSearchHandles.id, searchHandleId(handle))) : [];
  if (!handle || !row || row.ownerId !== ctx.actor.id || row.callerHash !== callerHash(ctx) || row.resourceType !== type) {
    await auditDenial(ctx, { action: "fhir.search", resourceType: type, details: { reason: "unknown search handle" } });
    throw NotFound("No such search: run the search again");
  }
  if (!row.params || row.expiresAt.getTime() <= Date.now()) {
    await auditDenial(ctx, { action: "fhir.search", resourceType: type, details: { reason: "expired search handle", searchId: row.id } });
    throw new FhirError(410, [issue("not-found", "This search has expired: run it again")]);
  }
  const stored = new URL(`${fhirBase()}/${type}`);
  stored.search = unseal(PURPOSE, row.id, row.params);
  const page = query.get("_page");
  if (page) stored.searchParams.set("_page", page);
  return search(db, ctx, type, stored, { handle, id: row.id });
}

/**
 * Maintenance (`fhir-search-handles`): drop the sealed parameters of every expired handle and delete
 * handles expired more than {@link SEARCH_HANDLE_TOMBSTONE_MS} ago. Returns how many of each.
 */
export async function purgeSearchHandles(db: Db, now = new Date()): Promise<{ cleared: number; deleted: number }> {
  const cleared = await db
    .update(fhirSearchHandles)
    .set({ params: null })
    .where(and(lte(fhirSearchHandles.expiresAt, now), isNotNull(fhirSearchHandles.params)))
    .returning({ id: fhirSearchHandles.id });
  const deleted = await db
    .delete(fhirSearchHandles)
    .where(lt(fhirSearchHandles.expiresAt, new Date(now.getTime() - SEARCH_HANDLE_TOMBSTONE_MS)))
    .returning({ id: fhirSearchHandles.id });
  return { cleared: cleared.length, deleted: deleted.length };
}
