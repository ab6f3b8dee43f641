/** Referral cases, their append-only event history, messages and the consultation reply. */
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { CASE_STATUSES, DISPOSITIONS, MESSAGE_KINDS, PRIORITIES, SLA_STATES } from "./enums";
import { clinics, roleEnum, users } from "./identity";
import { patients } from "./patients";

export const caseStatusEnum = pgEnum("case_status", CASE_STATUSES);
export const priorityEnum = pgEnum("priority", PRIORITIES);
export const dispositionEnum = pgEnum("disposition", DISPOSITIONS);
export const messageKindEnum = pgEnum("message_kind", MESSAGE_KINDS);
export const slaStateEnum = pgEnum("sla_state", SLA_STATES);

export type TriageReasonRow = { code: string; label: string; weight: number; level: string };

export const cases = pgTable(
  "cases",
  {
    id: uuid().primaryKey().defaultRandom(),
    clinicId: uuid()
      .notNull()
      .references(() => clinics.id),
    patientId: uuid()
      .notNull()
      .references(() => patients.id),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    status: caseStatusEnum().notNull().default("draft"),
    history: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    priority: priorityEnum(),
    /** 0 urgent, 1 soon, 2 routine: the first key of the queue order. */
    priorityRank: smallint(),
    triageScore: integer(),
    triageReasons: jsonb().$type<TriageReasonRow[]>().notNull().default([]),
    submittedAt: timestamp({ withTimezone: true }),
    triagedAt: timestamp({ withTimezone: true }),
    slaDueAt: timestamp({ withTimezone: true }),
    slaState: slaStateEnum().notNull().default("ok"),
    pausedAt: timestamp({ withTimezone: true }),
    pausedMs: bigint({ mode: "number" }).notNull().default(0),
    claimedBy: uuid().references(() => users.id),
    claimedAt: timestamp({ withTimezone: true }),
    lastActivityAt: timestamp({ withTimezone: true }),
    answeredAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    /**
     * "Submit when the photos are ready" (lib/cases/submit-when-ready.ts): set on a draft whose
     * submission was asked for while its photos were still being processed (an `active` FHIR
     * referral), by `submitRequestedBy` acting as `submitRequestedRole` (the user, or a FHIR
     * client's service user, who posted it: the actor of the submission event the worker writes
     * later); cleared when the case is submitted.
     */
    submitRequestedAt: timestamp({ withTimezone: true }),
    submitRequestedBy: uuid().references(() => users.id),
    submitRequestedRole: roleEnum(),
    /** Why a requested submission stopped (a photo was rejected…): the clinic must act. */
    submitHeldReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The specialist queue: triaged cases in priority, deadline, submission order (keyset-friendly).
    index("cases_queue_idx")
      .on(t.priorityRank, t.slaDueAt, t.submittedAt, t.id)
      .where(sql`${t.status} = 'triaged'`),
    index("cases_clinic_list_idx").on(t.clinicId, t.status, t.createdAt, t.id),
    index("cases_status_list_idx").on(t.status, t.createdAt, t.id),
    index("cases_patient_idx").on(t.patientId),
    index("cases_claimed_idx").on(t.claimedBy).where(sql`${t.status} = 'in_review'`),
  ],
);

export const caseEvents = pgTable(
  "case_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    fromStatus: caseStatusEnum(),
    toStatus: caseStatusEnum().notNull(),
    actorId: uuid().references(() => users.id),
    actorRole: roleEnum(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    note: text(),
  },
  (t) => [index("case_events_case_idx").on(t.caseId, t.at), index("case_events_to_at_idx").on(t.toStatus, t.at)],
);

export const messages = pgTable(
  "messages",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    kind: messageKindEnum().notNull(),
    body: text().notNull(),
    authorId: uuid().references(() => users.id),
    authorRole: roleEnum(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("messages_case_idx").on(t.caseId, t.createdAt)],
);

export const consultations = pgTable(
  "consultations",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    specialistId: uuid()
      .notNull()
      .references(() => users.id),
    diagnosis: text().notNull(),
    diagnosisCode: text(),
    differential: text(),
    plan: text().notNull(),
    disposition: dispositionEnum().notNull(),
    followUp: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("consultations_case_key").on(t.caseId)],
);



/**
 * Per-case milestones derived from `case_events` by a trigger in the same transaction as each
 * event (migration 0004), so turnaround reports aggregate one row per case instead of scanning
 * every event, and are never stale. Paused time is kept as sums of entry and exit instants.
 */
export const caseMilestones = pgTable(
  "case_milestones",
  {
    caseId: uuid()
      .primaryKey()
      .references(() => cases.id, { onDelete: "cascade" }),
    submittedAt: timestamp({ withTimezone: true }),
    triagedAt: timestamp({ withTimezone: true }),
    firstClaimAt: timestamp({ withTimezone: true }),
    answeredAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    answeredBy: uuid(),
    pausedInS: numeric({ mode: "number" }).notNull().default(0),
    pausedOutS: numeric({ mode: "number" }).notNull().default(0),
    pauseEntries: integer().notNull().default(0),
    pauseExits: integer().notNull().default(0),
    lastPausedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("case_milestones_submitted_idx").on(t.submittedAt)],
);
