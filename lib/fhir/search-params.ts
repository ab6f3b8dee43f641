/**
 * Parsing FHIR search parameters (SPEC §12 searches): only the parameters each type really
 * supports — anything else is a 400 OperationOutcome naming it, never silently ignored (an
 * ignored filter would return more PHI than asked for). Dates take FHIR prefixes (eq, gt, ge, lt,
 * le); references take `id`, `Type/id` or an absolute URL.
 */
import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { z } from "zod";
import { invalidElements } from "./outcome";
import { refId } from "./map/refs";

export const SEARCH_PARAMS = {
  Patient: ["identifier", "family", "birthdate", "_id"],
  ServiceRequest: ["patient", "status", "_lastUpdated", "_id"],
  Task: ["status", "owner", "focus", "_lastUpdated", "_id"],
  DiagnosticReport: ["based-on", "patient", "_id"],
  Media: ["based-on", "_id"],
  Communication: ["based-on", "_id"],
  BodyStructure: ["patient", "_id"],
  Subscription: ["status", "_id"],
} as const;
export type SearchType = keyof typeof SEARCH_PARAMS;
export const isSearchType = (t: string): t is SearchType => t in SEARCH_PARAMS;

/** _include values per type, and _revinclude values per type. */
export const INCLUDES: Record<SearchType, readonly string[]> = {
  Patient: [],
  ServiceRequest: ["ServiceRequest:patient", "ServiceRequest:subject", "ServiceRequest:requester"],
  Task: ["Task:focus", "Task:owner", "Task:patient"],
  DiagnosticReport: ["DiagnosticReport:based-on", "DiagnosticReport:patient", "DiagnosticReport:media", "DiagnosticReport:performer"],
  Media: ["Media:based-on", "Media:patient"],
  Communication: ["Communication:based-on", "Communication:patient"],
  BodyStructure: [],
  Subscription: [],
};
export const REVINCLUDES: Record<SearchType, readonly string[]> = {
  Patient: ["ServiceRequest:patient"],
  ServiceRequest: ["Task:focus", "DiagnosticReport:based-on", "Media:based-on", "Communication:based-on", "QuestionnaireResponse:based-on"],
  Task: [],
  DiagnosticReport: [],
  Media: [],
  Communication: [],
  BodyStructure: [],
  Subscription: [],
};

const CONTROL = ["_count", "_include", "_revinclude", "_page", "_format", "_total"];
export const MAX_COUNT = 100;
export const DEFAULT_COUNT = 20;

export type ParsedSearch = {
  type: SearchType;
  params: Map<string, string[]>;
  count: number;
  include: string[];
  revinclude: string[];
  page: string | undefined;
};

const bad = (param: string, message: string) => invalidElements(400, [{ expression: param, message }]);

/** Parse and check the query of a search on `type`. */
export function parseSearch(type: SearchType, query: URLSearchParams): ParsedSearch {
  const params = new Map<string, string[]>();
  for (const [rawKey, value] of query) {
    const key = rawKey.split(":")[0]!;
    if (CONTROL.includes(key)) continue;
    if (rawKey.includes(":") || !(SEARCH_PARAMS[type] as readonly string[]).includes(key)) throw bad(rawKey.slice(0, 60), `Search parameter ${rawKey.slice(0, 60)} is not supported on ${type}`);
    params.set(key, [...(params.get(key) ?? []), value]);
  }
  const countRaw = query.get("_count");
  const count = countRaw === null ? DEFAULT_COUNT : Number(countRaw);
  if (!Number.isInteger(count) || count < 1) throw bad("_count", "_count must be a positive whole number");
  const include = query.getAll("_include");
  const revinclude = query.getAll("_revinclude");
  for (const i of include) if (!INCLUDES[type].includes(i)) throw bad("_include", `_include=${i.slice(0, 60)} is not supported on ${type}`);
  for (const i of revinclude) if (!REVINCLUDES[type].includes(i)) throw bad("_revinclude", `_revinclude=${i.slice(0, 60)} is not supported on ${type}`);
  const page = query.get("_page") ?? undefined;
  return { type, params, count: Math.min(count, MAX_COUNT), include, revinclude, page };
}

/** Comma-separated values of each occurrence (FHIR "OR" inside one parameter). */
export const orValues = (values: string[] | undefined) => (values ?? []).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);

const uuid = z.string().uuid();

/** Ids referenced by a reference parameter; an id that is no uuid can match nothing. */
export function referenceIds(param: string, values: string[] | undefined, type: string): string[] | undefined {
  if (!values) return undefined;
  return orValues(values).map((v) => {
    const id = refId(v, type) ?? (/^[A-Za-z0-9\-.]{1,64}$/.test(v) ? v : null);
    if (!id) throw bad(param, `${param} must reference a ${type}`);
    return uuid.safeParse(id).success ? id : "00000000-0000-0000-0000-000000000000";
  });
}

const DATE_RE = /^(eq|gt|ge|lt|le|ne)?(\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?)$/;

/** SQL conditions for date parameters on `column` (each occurrence ANDed, prefixes honoured). */
export function dateConditions(param: string, values: string[] | undefined, column: AnyColumn | SQL): SQL[] {
  return (values ?? []).map((v) => {
    const m = DATE_RE.exec(v);
    if (!m) throw bad(param, `${param} must be a FHIR date with an optional prefix (eq, gt, ge, lt, le)`);
    const prefix = m[1] ?? "eq";
    const text = m[2]!;
    // The implicit range of a partial date: [start, next start).
    const unit = text.length === 4 ? "year" : text.length === 7 ? "month" : text.length === 10 ? "day" : null;
    const start = unit ? sql`(${text.length === 4 ? `${text}-01-01` : text.length === 7 ? `${text}-01` : text}::date)::timestamptz` : sql`${text}::timestamptz`;
    const end = unit ? sql`(${start} + ${`1 ${unit}`}::interval)` : start;
    switch (prefix) {
      case "gt":
        return unit ? sql`${column} >= ${end}` : sql`${column} > ${start}`;
      case "ge":
        return sql`${column} >= ${start}`;
      case "lt":
        return sql`${column} < ${start}`;
      case "le":
        return unit ? sql`${column} < ${end}` : sql`${column} <= ${start}`;
      case "ne":
        return unit ? sql`not (${column} >= ${start} and ${column} < ${end})` : sql`${column} <> ${start}`;
      default:
        return unit ? sql`(${column} >= ${start} and ${column} < ${end})` : sql`${column} = ${start}`;
    }
  });
}
