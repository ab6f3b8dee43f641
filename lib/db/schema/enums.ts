/**
 * Enumerations shared by the database schema, zod validators and the UI.
 * Declared once as `as const` tuples so drizzle enums and zod enums can never drift apart.
 */
export const ROLES = ["referrer", "specialist", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const CASE_STATUSES = [
  "draft",
  "submitted",
  "triaged",
  "in_review",
  "awaiting_info",
  "answered",
  "closed",
  "withdrawn",
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Ordered from most to least urgent; the index is the sort rank used by the queue. */
export const PRIORITIES = ["urgent", "soon", "routine"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const SEXES = ["female", "male", "other", "unknown"] as const;
export type Sex = (typeof SEXES)[number];

/** Where an open case stands against its deadline (SPEC §5); the arithmetic is lib/sla/rules.ts. */
export const SLA_STATES = ["ok", "at_risk", "breached"] as const;
export type SlaState = (typeof SLA_STATES)[number];

export const PHOTO_VIEWS = ["overview", "closeup", "dermoscopy"] as const;
export type PhotoView = (typeof PHOTO_VIEWS)[number];

export const PHOTO_STATUSES = ["processing", "ready", "rejected"] as const;
export type PhotoStatus = (typeof PHOTO_STATUSES)[number];

export const PHOTO_FLAGS = ["blurry", "underexposed", "overexposed", "low_resolution"] as const;
export type PhotoFlag = (typeof PHOTO_FLAGS)[number];

export const DISPOSITIONS = [
  "reassure",
  "manage_in_primary_care",
  "routine_in_person",
  "urgent_in_person",
  "biopsy_recommended",
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export const MESSAGE_KINDS = ["info_request", "info_response", "note"] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const OUTBOX_STATUSES = ["pending", "published"] as const;

export const AUDIT_OUTCOMES = ["success", "denied", "error"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
