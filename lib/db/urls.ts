/**
 * Connection URLs of the two database identities (SPEC §9 "least privilege"): the owner, used only
 * by migrations (MIGRATION_DATABASE_URL), and the runtime login role the app and worker use
 * (DATABASE_URL). Pure string work, so vitest.config.ts and the e2e set-up can derive one from
 * the other without loading lib/env.ts.
 */

/** The runtime login role that migrations create when DATABASE_URL names no other. */
export const RUNTIME_DB_ROLE = "dermrelay_app";

/** `url` with its user replaced by `user` and its password dropped (local trust authentication). */
export function withDbUser(url: string, user: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = "";
  return u.toString();
}

/** The user name a connection URL logs in as (libpq's default when it names none). */
export function dbUserOf(url: string): string {
  return decodeURIComponent(new URL(url).username) || "postgres";
}
