/**
 * SMART on FHIR (SPEC §13): EHR connections DermRelay launches from, the link between an EHR user
 * (fhirUser) and a DermRelay user, the encrypted tokens of a launch, the EHR context a case was
 * started in (for the write-back), and the systems allowed to call /fhir/R4 with Backend Services.
 * Every secret or token column holds an envelope blob (lib/storage/envelope.ts), never clear text.
 */
import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, integer } from "drizzle-orm/pg-core";
import { cases } from "./cases";
import { bytea } from "./columns";
import { clinics, users } from "./identity";

/** An EHR whose users may launch DermRelay; `iss` is the EHR's FHIR base URL. */
export const ehrConnections = pgTable(
  "ehr_connections",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    iss: text().notNull(),
    clientId: text().notNull(),
    /** Envelope-encrypted client secret; null for a public client (PKCE only). */
    clientSecret: bytea(),
    clinicId: uuid()
      .notNull()
      .references(() => clinics.id),
    scopes: text().notNull(),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("ehr_connections_iss_key").on(t.iss)],
);

/** An EHR user (its `fhirUser` reference) linked to a DermRelay user after one sign-in. */
export const smartUserLinks = pgTable(
  "smart_user_links",
  {
    id: uuid().primaryKey().defaultRandom(),
    connectionId: uuid()
      .notNull()
      .references(() => ehrConnections.id),
    fhirUser: text().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("smart_user_links_key").on(t.connectionId, t.fhirUser)],
);

/**
 * A verified launch: the EHR context and its tokens (encrypted JSON). Written only after every
 * check of the callback passed; `userId` is set once the launch belongs to a DermRelay user.
 */
export const smartLaunches = pgTable(
  "smart_launches",
  {
    id: uuid().primaryKey().defaultRandom(),
    connectionId: uuid()
      .notNull()
      .references(() => ehrConnections.id),
    fhirUser: text().notNull(),
    userId: uuid().references(() => users.id),
    ehrPatientId: text().notNull(),
    ehrServiceRequestId: text(),
    /** SHA-256 of the browser cookie that owns this launch until it is completed. */
    bindingHash: text().notNull(),
    tokens: bytea().notNull(),
    accessExpiresAt: timestamp({ withTimezone: true }).notNull(),
    caseId: uuid().references(() => cases.id),
    completedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("smart_launches_user_idx").on(t.userId, t.connectionId, t.createdAt)],
);

export const WRITEBACK_STATUSES = ["pending", "filed"] as const;
export type WritebackStatus = (typeof WRITEBACK_STATUSES)[number];
/**
 * Why a pending write-back waits for the next launch instead of a retry: no token can be had
 * (refresh refused or none), the job's retries ran out, or the connection was switched off.
 */
export const WRITEBACK_HOLDS = ["no_token", "retries_exhausted", "connection_inactive"] as const;
export type WritebackHold = (typeof WRITEBACK_HOLDS)[number];

/** The EHR context of a case started from a launch, and where its reply was filed. */
export const smartCaseLinks = pgTable(
  "smart_case_links",
  {
    caseId: uuid()
      .primaryKey()
      .references(() => cases.id),
    connectionId: uuid()
      .notNull()
      .references(() => ehrConnections.id),
    launchId: uuid()
      .notNull()
      .references(() => smartLaunches.id),
    ehrPatientId: text().notNull(),
    ehrServiceRequestId: text(),
    /** null until the case is answered; then pending until the EHR accepted the DocumentReference. */
    writebackStatus: text().$type<WritebackStatus>(),
    ehrDocumentReference: text(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    /** Set while pending when only a launch can finish it (see WRITEBACK_HOLDS); null while the job can. */
    writebackHold: text().$type<WritebackHold>(),
    /** When the job tries again after a failed attempt; null when no retry is scheduled. */
    retryAt: timestamp({ withTimezone: true }),
    filedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("smart_case_links_pending_idx").on(t.connectionId).where(sql`${t.writebackStatus} = 'pending'`)],
);

/**
 * A system client of DermRelay's FHIR API (SMART Backend Services). It acts through its own
 * service user (role referrer, the client's clinic), so policies and audit rows apply unchanged.
 */
export const fhirClients = pgTable("fhir_clients", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  clinicId: uuid()
    .notNull()
    .references(() => clinics.id),
  serviceUserId: uuid()
    .notNull()
    .references(() => users.id),
  jwks: jsonb().$type<{ keys: Record<string, unknown>[] }>(),
  jwksUrl: text(),
  scopes: text().notNull(),
  active: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
