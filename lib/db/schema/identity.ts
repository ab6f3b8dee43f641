/** Clinics, users and server-side sessions: who is acting and from which tenant. */
import { sql } from "drizzle-orm";
import { bigint, boolean, doublePrecision, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ROLES } from "./enums";

export const roleEnum = pgEnum("role", ROLES);

export const clinics = pgTable("clinics", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  active: boolean().notNull().default(true),
  /** Printed side of the clinic's calibration stickers' black square (SPEC §15), mm. */
  markerSideMm: doublePrecision().notNull().default(20),
  /** The clinic's own MRN identifier system (an absolute URI, SPEC §12); null = DermRelay's URN for the clinic. */
  mrnSystem: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    name: text().notNull(),
    role: roleEnum().notNull(),
    clinicId: uuid().references(() => clinics.id),
    passwordHash: text(),
    active: boolean().notNull().default(true),
    mfaSecret: text(),
    mfaEnabledAt: timestamp({ withTimezone: true }),
    /** argon2 hashes of unused recovery codes. */
    mfaRecoveryCodes: jsonb().$type<string[]>().notNull().default([]),
    /** The last TOTP time step accepted, so a code cannot be replayed. */
    mfaLastStep: bigint({ mode: "number" }),
    passwordChangedAt: timestamp({ withTimezone: true }),
    failedSignIns: integer().notNull().default(0),
    lockedUntil: timestamp({ withTimezone: true }),
    lastSignInAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    index("users_clinic_idx").on(t.clinicId),
  ],
);

/**
 * One row per signed-in browser. The JWT only carries the session id; every request checks this
 * row, so idle timeout, absolute lifetime, sign-out everywhere and deactivation take effect at once.
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
    ip: text(),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId)],
);

/** Single-use, expiring set-password links sent to invited users (only the token's hash is kept). */
export const userInvites = pgTable(
  "user_invites",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("user_invites_token_key").on(t.tokenHash), index("user_invites_user_idx").on(t.userId)],
);

/** Integration API tokens bound to a user: shown once, stored hashed, expiring and revocable. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    name: text().notNull(),
    tokenHash: text().notNull(),
    /** First characters of the token, shown in lists so people can tell tokens apart. */
    prefix: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("api_tokens_hash_key").on(t.tokenHash), index("api_tokens_user_idx").on(t.userId)],
);
