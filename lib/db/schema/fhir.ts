/**
 * FHIR interface state: the identifiers other systems gave a case (so posting the same
 * ServiceRequest again finds the same case), rest-hook Subscriptions with their delivery
 * health, and the stored parameters of POST searches that paging links point at.
 */
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { cases } from "./cases";
import { bytea } from "./columns";
import { clinics, roleEnum, users } from "./identity";

export const fhirCaseIdentifiers = pgTable(
  "fhir_case_identifiers",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    clinicId: uuid()
      .notNull()
      .references(() => clinics.id),
    system: text().notNull(),
    value: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("fhir_case_identifiers_key").on(t.clinicId, t.system, t.value), index("fhir_case_identifiers_case_idx").on(t.caseId)],
);

export const SUBSCRIPTION_STATUSES = ["requested", "active", "error", "off"] as const;
export const SUBSCRIPTION_TYPES = ["Task", "DiagnosticReport"] as const;

export const fhirSubscriptions = pgTable(
  "fhir_subscriptions",
  {
    id: uuid().primaryKey().defaultRandom(),
    ownerId: uuid()
      .notNull()
      .references(() => users.id),
    ownerRole: roleEnum().notNull(),
    /** The owner's clinic for referrers: only that clinic's cases are sent. Null for the service. */
    clinicId: uuid().references(() => clinics.id),
    criteria: text().notNull(),
    resourceType: text().$type<(typeof SUBSCRIPTION_TYPES)[number]>().notNull(),
    /** Parsed criteria parameters, e.g. {"status": ["final"]}. */
    params: jsonb().$type<Record<string, string[]>>().notNull().default({}),
    endpoint: text().notNull(),
    /** Channel headers, each value sealed (lib/fhir/subscription-headers.ts). */
    headers: jsonb().$type<{ name: string; sealed: string }[]>().notNull().default([]),
    reason: text().notNull(),
    status: text().$type<(typeof SUBSCRIPTION_STATUSES)[number]>().notNull().default("active"),
    error: text(),
    failures: integer().notNull().default(0),
    endAt: timestamp({ withTimezone: true }),
    /** Set by DELETE (status off, headers dropped): the row stays so a later read answers 410 Gone. */
    deletedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("fhir_subscriptions_type_idx").on(t.resourceType, t.status)],
);

/**
 * A POST [type]/_search kept server-side so its Bundle's self/next links carry an opaque handle
 * instead of the parameters (lib/fhir/search-handles.ts). Bound to the caller that made it; the
 * parameters are sealed and dropped at expiry, the row itself a day later.
 */
export const fhirSearchHandles = pgTable(
  "fhir_search_handles",
  {
    /** SHA-256 (hex) of the handle the links carry; the handle itself is never stored. */
    id: text().primaryKey(),
    ownerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** SHA-256 (hex) of the caller's credential key (lib/fhir/auth.ts `caller`). */
    callerHash: text().notNull(),
    resourceType: text().notNull(),
    /** The search's query (form and URL parameters, without `_page`), envelope-sealed; null once expired. */
    params: bytea(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("fhir_search_handles_owner_idx").on(t.ownerId, t.createdAt), index("fhir_search_handles_expires_idx").on(t.expiresAt)],
);
