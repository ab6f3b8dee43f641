/**
 * PACS pushes (SPEC §14): one row per send of a case's study to the configured DICOMweb STOW-RS
 * endpoint — why it was sent, where it stands and what the PACS answered. The worker's job for
 * a row is idempotent: only a `pending` row is sent, and STOW-RS of the same SOP instances again
 * is harmless.
 */
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { cases } from "./cases";
import { users } from "./identity";

export const PACS_SEND_STATUSES = ["pending", "sent", "failed"] as const;
export type PacsSendStatus = (typeof PACS_SEND_STATUSES)[number];
/** What started a send: the case reaching the configured state, or an administrator. */
export const PACS_SEND_TRIGGERS = ["answered", "submitted", "manual"] as const;
export type PacsSendTrigger = (typeof PACS_SEND_TRIGGERS)[number];

/** The PACS's answer, summarised from the STOW-RS response (no pixel data, no PHI). */
export type PacsResponse = {
  httpStatus: number;
  stored: number;
  failed: number;
  failures: { sopInstanceUid: string | null; reason: number | null }[];
  retrieveUrl: string | null;
};

export const pacsSends = pgTable(
  "pacs_sends",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    trigger: text().$type<PacsSendTrigger>().notNull(),
    status: text().$type<PacsSendStatus>().notNull().default("pending"),
    requestedBy: uuid().references(() => users.id),
    /** The endpoint's origin at the time of the send (the path and headers stay in settings). */
    target: text().notNull(),
    instanceCount: integer(),
    attempts: integer().notNull().default(0),
    response: jsonb().$type<PacsResponse>(),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("pacs_sends_case_idx").on(t.caseId, t.createdAt)],
);
