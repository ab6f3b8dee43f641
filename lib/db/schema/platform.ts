/** Cross-cutting tables: reply templates, notifications, the outbox, settings and the audit log. */
import { bigserial, index, uniqueIndex, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { AUDIT_OUTCOMES } from "./enums";
import { cases } from "./cases";
import { roleEnum, users } from "./identity";

export const replyTemplates = pgTable(
  "reply_templates",
  {
    id: uuid().primaryKey().defaultRandom(),
    ownerId: uuid()
      .notNull()
      .references(() => users.id),
    name: text().notNull(),
    fields: jsonb().$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("reply_templates_owner_idx").on(t.ownerId)],
);

export const notifications = pgTable(
  "notifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    kind: text().notNull(),
    caseId: uuid().references(() => cases.id),
    /** Short, PHI-free text: the same words may go out by e-mail. */
    title: text().notNull(),
    link: text(),
    dedupeKey: text(),
    readAt: timestamp({ withTimezone: true }),
    emailedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt),
    uniqueIndex("notifications_dedupe_key").on(t.userId, t.dedupeKey).where(sql`${t.dedupeKey} is not null`),
  ],
);

/** Jobs to publish to BullMQ, written in the same transaction as the change that needs them. */
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    queue: text().notNull(),
    name: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp({ withTimezone: true }),
    attempts: integer().notNull().default(0),
    lastError: text(),
  },
  (t) => [index("outbox_pending_idx").on(t.id).where(sql`${t.publishedAt} is null`)],
);

export const settings = pgTable("settings", {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid().references(() => users.id),
});

export const auditOutcomeEnum = pgEnum("audit_outcome", AUDIT_OUTCOMES);

/**
 * Append-only audit log. A trigger assigns ids in lock order and chains each row's hash to the
 * previous one; another refuses UPDATE, DELETE and TRUNCATE (see the custom migration).
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorId: uuid(),
    actorRole: roleEnum(),
    action: text().notNull(),
    resourceType: text().notNull(),
    resourceId: text(),
    patientId: uuid(),
    outcome: auditOutcomeEnum().notNull(),
    ip: text(),
    requestId: text(),
    details: jsonb().$type<Record<string, unknown>>(),
    prevHash: text(),
    hash: text(),
  },
  (t) => [
    index("audit_actor_idx").on(t.actorId, t.id),
    index("audit_resource_idx").on(t.resourceId, t.id),
    index("audit_patient_idx").on(t.patientId, t.id),
    index("audit_at_idx").on(t.at),
  ],
);


