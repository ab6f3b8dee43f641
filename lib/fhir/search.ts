/**
 * FHIR search (SPEC §12) through the same scoping as the case lists: a referrer's search only
 * ever reads their clinic's rows, the service's only submitted cases — another clinic's data is
 * not filtered out afterwards, it is never selected. Keyset paging with opaque `_page` cursors;
 * each search page is audited once with the cases and patients it returned.
 */
import type { Bundle, FhirResource } from "fhir/r4";
import { and, asc, eq, ilike, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { cases, consultations, fhirSubscriptions, lesions, messages, patients, photos, SUBSCRIPTION_STATUSES } from "../db/schema";
import { hasSubmittedCase } from "../patients/submitted-case";
import { caseListScope } from "../auth/policies";
import { audit } from "../audit/record";
import { Forbidden } from "../errors";
import { decodeCursor, encodeCursor } from "../http/cursor";
import { requireScope } from "./auth";
import { caseViewsFor } from "./codes";
import { submissionStateSql } from "../cases/submission-state";
import { loadCaseGraphs, patientColumnsF, type CaseGraph, type GraphParts } from "./graph";
import type { FhirContext } from "./http";
import { resolveIncludes } from "./include";
import { taskOwnerSql } from "./task-owner";
import { invalidElements } from "./outcome";
import { toBodyStructure } from "./map/body-structure";
import { toPatient } from "./map/patient";
import { toSubscription } from "./subscriptions";
import { CASE_RESOURCES, omittedOutcome, searchBundle } from "./resources";
import { searchLinks } from "./search-links";
import { dateConditions, orValues, parseSearch, referenceIds, type ParsedSearch, type SearchType } from "./search-params";

type Hit = { key: string; id: string; caseId: string | null };
const uuid = z.string().uuid();
const TS = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;

function after(page: string | undefined, key: SQL, id: SQL): SQL | undefined {
  const c = decodeCursor(page, 2);
  if (!c) return undefined;
  const [at, lastId] = c;
  if (typeof at !== "string" || !TS.test(at) || !uuid.safeParse(lastId).success) throw invalidElements(400, [{ expression: "_page", message: "Invalid _page" }]);
  return sql`(${key}, ${id}) > (${at}::timestamptz, ${lastId}::uuid)`;
}

function caseScope(ctx: FhirContext): SQL {
  const scope = caseListScope(ctx.actor);
  if (!scope) throw Forbidden();
  return "clinicId" in scope ? eq(cases.clinicId, scope.clinicId) : ne(cases.status, "draft");
}

const idIn = (column: Parameters<typeof inArray>[0], values: string[] | undefined) =>
  values ? inArray(column, values.length ? values : ["00000000-0000-0000-0000-000000000000"]) : undefined;

/** One (status, submission state) of `caseViewsFor` as a condition; a draft without one excludes requested submissions. */
function viewSql(v: ReturnType<typeof caseViewsFor>[number]): SQL {
  if (v.submission) return submissionStateSql(v.submission);
  return v.status === "draft" ? and(eq(cases.status, "draft"), submissionStateSql(null))! : eq(cases.status, v.status);
}

/** Cases whose `kind` status (as `caseFhirStatus` maps it) is any of `fhirStatuses`, as a condition on `cases`. */
export function fhirStatusSql(kind: "task" | "serviceRequest", fhirStatuses: string[]): SQL {
  const views = fhirStatuses.flatMap((v) => caseViewsFor(kind, v));
  return views.length ? or(...views.map(viewSql))! : sql`false`;
}

/** Case-keyed types: ServiceRequest, Task, DiagnosticReport. */
async function caseHits(db: Db, ctx: FhirContext, s: ParsedSearch): Promise<Hit[]> {
  const p = s.params;
  const isReport = s.type === "DiagnosticReport";
  const statusKind = s.type === "Task" ? "task" : "serviceRequest";
  const conditions = [
    caseScope(ctx),
    idIn(cases.id, p.has("_id") ? referenceIds("_id", p.get("_id"), s.type) : undefined),
    p.has("status") ? fhirStatusSql(statusKind, orValues(p.get("status"))) : undefined,
    idIn(cases.patientId, referenceIds("patient", p.get("patient"), "Patient")),
    idIn(taskOwnerSql, referenceIds("owner", p.get("owner"), "Practitioner")),
    idIn(cases.id, referenceIds("focus", p.get("focus"), "ServiceRequest")),
    idIn(cases.id, referenceIds("based-on", p.get("based-on"), "ServiceRequest")),
    ...dateConditions("_lastUpdated", p.get("_lastUpdated"), cases.updatedAt),
    after(s.page, sql`${cases.createdAt}`, sql`${cases.id}`),
  ];
  const base = db.select({ key: sql<string>`${cases.createdAt}::text`, id: cases.id }).from(cases);
  const joined = isReport ? base.innerJoin(consultations, eq(consultations.caseId, cases.id)) : base;
  const rows = await joined.where(and(...conditions)).orderBy(asc(cases.createdAt), asc(cases.id)).limit(s.count + 1);
  return rows.map((r) => ({ key: r.key, id: r.id, caseId: r.id }));
}

async function photoHits(db: Db, ctx: FhirContext, s: ParsedSearch): Promise<Hit[]> {
  const rows = await db
    .select({ key: sql<string>`${photos.createdAt}::text`, id: photos.id, caseId: photos.caseId })
    .from(photos)
    .innerJoin(cases, eq(cases.id, photos.caseId))
    .where(
      and(
        caseScope(ctx),
        isNull(photos.deletedAt),
        idIn(photos.id, referenceIds("_id", s.params.get("_id"), "Media")),
        idIn(photos.caseId, referenceIds("based-on", s.params.get("based-on"), "ServiceRequest")),
        after(s.page, sql`${photos.createdAt}`, sql`${photos.id}`),
      ),
    )
    .orderBy(asc(photos.createdAt), asc(photos.id))
    .limit(s.count + 1);
  return rows;
}

async function messageHits(db: Db, ctx: FhirContext, s: ParsedSearch): Promise<Hit[]> {
  return db
    .select({ key: sql<string>`${messages.createdAt}::text`, id: messages.id, caseId: messages.caseId })
    .from(messages)
    .innerJoin(cases, eq(cases.id, messages.caseId))
    .where(
      and(
        caseScope(ctx),
        ne(messages.kind, "note"),
        idIn(messages.id, referenceIds("_id", s.params.get("_id"), "Communication")),
        idIn(messages.caseId, referenceIds("based-on", s.params.get("based-on"), "ServiceRequest")),
        after(s.page, sql`${messages.createdAt}`, sql`${messages.id}`),
      ),
    )
    .orderBy(asc(messages.createdAt), asc(messages.id))
    .limit(s.count + 1);
}

/** BodyStructure: the lesions of patients whose record the caller may see (the BodyStructure read's rule). */
async function lesionHits(db: Db, ctx: FhirContext, s: ParsedSearch): Promise<Hit[]> {
  const scope = caseListScope(ctx.actor);
  if (!scope) throw Forbidden();
  const rows = await db
    .select({ key: sql<string>`${lesions.createdAt}::text`, id: lesions.id })
    .from(lesions)
    .where(
      and(
        "clinicId" in scope ? eq(lesions.clinicId, scope.clinicId) : hasSubmittedCase(db, lesions.patientId),
        idIn(lesions.id, referenceIds("_id", s.params.get("_id"), "BodyStructure")),
        idIn(lesions.patientId, referenceIds("patient", s.params.get("patient"), "Patient")),
        after(s.page, sql`${lesions.createdAt}`, sql`${lesions.id}`),
      ),
    )
    .orderBy(asc(lesions.createdAt), asc(lesions.id))
    .limit(s.count + 1);
  return rows.map((r) => ({ ...r, caseId: null }));
}

/** Subscription: only the caller's own (the read's rule, subscriptions.ts), never deleted ones. */
async function subscriptionHits(db: Db, ctx: FhirContext, s: ParsedSearch): Promise<Hit[]> {
  const known = (v: string): v is (typeof SUBSCRIPTION_STATUSES)[number] => (SUBSCRIPTION_STATUSES as readonly string[]).includes(v);
  const statuses = s.params.has("status") ? orValues(s.params.get("status")).filter(known) : undefined;
  const rows = await db
    .select({ key: sql<string>`${fhirSubscriptions.createdAt}::text`, id: fhirSubscriptions.id })
    .from(fhirSubscriptions)
    .where(
      and(
        eq(fhirSubscriptions.ownerId, ctx.actor.id),
        isNull(fhirSubscriptions.deletedAt),
        idIn(fhirSubscriptions.id, referenceIds("_id", s.params.get("_id"), "Subscription")),
        statuses ? (statuses.length ? inArray(fhirSubscriptions.status, statuses) : sql`false`) : undefined,
        after(s.page, sql`${fhirSubscriptions.createdAt}`, sql`${fhirSubscriptions.id}`),
      ),
    )
    .orderBy(asc(fhirSubscriptions.createdAt), asc(fhirSubscriptions.id))
    .limit(s.count + 1);
  return rows.map((r) => ({ ...r, caseId: null }));
}

const BIRTHDATE = /^(eq|gt|ge|lt|le)?(\d{4}-\d{2}-\d{2})$/;

async function patientHits(db: Db, ctx: FhirContext, s: ParsedSearch): Promise<Hit[]> {
  const p = s.params;
  const scope = caseListScope(ctx.actor);
  if (!scope) throw Forbidden();
  const visible =
    "clinicId" in scope
      ? eq(patients.clinicId, scope.clinicId)
      : sql`exists (select 1 from ${cases} where ${cases.patientId} = ${patients.id} and ${cases.status} <> 'draft')`;
  const identifiers = orValues(p.get("identifier")).map((v) => {
    const [system, value] = v.includes("|") ? v.split("|", 2) : [null, v];
    const mrnMatch = eq(patients.mrn, value!);
    // system|value: the clinic's own MRN system (clinics.mrn_system) or DermRelay's URN for the clinic, which stays searchable.
    const urn = sql`${"urn:dermrelay:clinic:"} || ${patients.clinicId}::text || ${":mrn"}`;
    return system ? and(mrnMatch, or(sql`${urn} = ${system}`, sql`${patientColumnsF.clinicMrnSystem} = ${system}`)) : mrnMatch;
  });
  const births = (p.get("birthdate") ?? []).map((v) => {
    const m = BIRTHDATE.exec(v);
    if (!m) throw invalidElements(400, [{ expression: "birthdate", message: "birthdate must be YYYY-MM-DD with an optional prefix" }]);
    const op = { eq: "=", gt: ">", ge: ">=", lt: "<", le: "<=" }[(m[1] ?? "eq") as "eq"];
    return sql`${patients.birthDate}::text ${sql.raw(op)} ${m[2]}`;
  });
  const families = orValues(p.get("family")).map((f) => ilike(patients.familyName, `${f.replace(/[%_\\]/g, (c) => `\\${c}`)}%`));
  const rows = await db
    .select({ key: sql<string>`${patients.createdAt}::text`, id: patients.id })
    .from(patients)
    .where(
      and(
        visible,
        idIn(patients.id, referenceIds("_id", p.get("_id"), "Patient")),
        identifiers.length ? or(...identifiers) : undefined,
        families.length ? or(...families) : undefined,
        ...births,
        after(s.page, sql`${patients.createdAt}`, sql`${patients.id}`),
      ),
    )
    .orderBy(asc(patients.createdAt), asc(patients.id))
    .limit(s.count + 1);
  return rows.map((r) => ({ ...r, caseId: null }));
}

function primaries(type: SearchType, hits: Hit[], graphs: Map<string, CaseGraph>): FhirResource[] {
  return hits.flatMap((h): FhirResource[] => {
    const g = h.caseId ? graphs.get(h.caseId) : undefined;
    if (!g) return [];
    if (type === "Media") return CASE_RESOURCES.Media(g).filter((m) => m.id === h.id);
    if (type === "Communication") return CASE_RESOURCES.Communication(g).filter((m) => m.id === h.id);
    if (type === "ServiceRequest" || type === "Task" || type === "DiagnosticReport") return CASE_RESOURCES[type](g);
    return [];
  });
}

/** The related rows the matches and includes of `s` need. */
function partsFor(s: ParsedSearch): GraphParts {
  const wants = [s.type, ...s.include.map((i) => i.split(":")[1]), ...s.revinclude.map((i) => i.split(":")[0])];
  const has = (...xs: string[]) => xs.some((x) => wants.includes(x));
  return {
    identifiers: has("ServiceRequest", "focus", "based-on"),
    photos: has("Media", "DiagnosticReport", "media"),
    messages: has("Communication"),
    consultation: has("DiagnosticReport", "Task"), // a Task's owner after the reply (task-owner.ts)
    lesions: false, // BodyStructure pages read lesions themselves; no include reaches them
  };
}

/** The stored search (lib/fhir/search-handles.ts) a POST `_search` page runs: its handle for the links, its id for the audit. */
export type StoredSearch = { handle: string; id: string };

/**
 * Run a search for the caller and return the searchset Bundle. With `stored` (a POST `_search`
 * and the pages of it), the links name the stored search instead of repeating the parameters.
 */
export async function search(db: Db, ctx: FhirContext, type: SearchType, url: URL, stored?: StoredSearch): Promise<Bundle> {
  requireScope(ctx.scopes, type, "s");
  const s = parseSearch(type, url.searchParams);
  const hits =
    type === "Patient" ? await patientHits(db, ctx, s) : type === "BodyStructure" ? await lesionHits(db, ctx, s) : type === "Media" ? await photoHits(db, ctx, s) : type === "Communication" ? await messageHits(db, ctx, s) : type === "Subscription" ? await subscriptionHits(db, ctx, s) : await caseHits(db, ctx, s);
  const more = hits.length > s.count;
  const page = hits.slice(0, s.count);
  const caseIds = [...new Set(page.map((h) => h.caseId).filter((x): x is string => x !== null))];
  const graphs = new Map((await loadCaseGraphs(db, caseIds, partsFor(s))).map((g) => [g.case.id, g]));
  let matches: FhirResource[];
  const lesionPatientIds: string[] = [];
  if (type === "Patient") {
    const rows = page.length ? await db.select(patientColumnsF).from(patients).where(inArray(patients.id, page.map((h) => h.id))) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    matches = page.flatMap((h) => (byId.has(h.id) ? [toPatient(byId.get(h.id)!)] : []));
  } else if (type === "BodyStructure") {
    const rows = page.length ? await db.select().from(lesions).where(inArray(lesions.id, page.map((h) => h.id))).orderBy(asc(lesions.createdAt), asc(lesions.id)) : [];
    lesionPatientIds.push(...rows.map((l) => l.patientId));
    matches = rows.map(toBodyStructure);
  } else if (type === "Subscription") {
    const rows = page.length ? await db.select().from(fhirSubscriptions).where(inArray(fhirSubscriptions.id, page.map((h) => h.id))).orderBy(asc(fhirSubscriptions.createdAt), asc(fhirSubscriptions.id)) : [];
    matches = rows.map(toSubscription);
  } else matches = primaries(type, page, graphs);
  const included = await resolveIncludes(db, ctx, s, page, graphs);
  const last = page[page.length - 1];
  const links = searchLinks(type, url.searchParams, s.page, more && last ? encodeCursor([last.key, last.id]) : null, stored?.handle);
  // Audit what was returned, included resources too: every case and patient a page touched (§12).
  const returnedCaseIds = [...new Set([...caseIds, ...included.caseIds])];
  const patientIds = [...new Set([...graphs.values()].map((g) => g.patient.id).concat(type === "Patient" ? page.map((h) => h.id) : [], lesionPatientIds, included.patientIds))];
  await audit(db, ctx, {
    action: "fhir.search",
    resourceType: type,
    patientId: patientIds.length === 1 ? patientIds[0]! : null,
    // Case ids name every patient a page touched (each case has one); Patient and BodyStructure searches also list their patients.
    details: {
      matches: matches.length,
      included: included.resources.length,
      caseIds: returnedCaseIds,
      ...(type === "Patient" || type === "BodyStructure" || included.patientIds.length ? { patientIds } : {}),
      ...(included.omitted.length ? { omitted: included.omitted } : {}),
      // Ties every page of one POST search together (the row id, which pages nothing).
      ...(stored ? { searchId: stored.id } : {}),
    },
  });
  return searchBundle(matches, included.resources, links, undefined, omittedOutcome(included.omitted));
}
