/**
 * Creates the database when missing, applies the committed migrations in `drizzle/` as the schema
 * owner (MIGRATION_DATABASE_URL) and provisions the runtime login role named by DATABASE_URL
 * (SPEC §9 "least privilege"): it may log in, owns nothing, is no member of any role but the
 * privilege group `dermrelay_app` (granted by migration 0003 and by default privileges for every
 * later table), so it cannot SET ROLE or RESET ROLE into the owner. Used by `npm run db:migrate`,
 * the demo script, compose and the test global setups.
 */
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import path from "node:path";
import { Client } from "pg";
import { RUNTIME_DB_ROLE, dbUserOf } from "./urls";

/** Create the database named in `url` if it does not exist (connects to `postgres` to do so). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } catch (err) {
    // Two processes creating the same database at once: the loser finds it there.
    if ((err as { code?: string }).code !== "42P04" && (err as { code?: string }).code !== "23505") throw err;
  } finally {
    await client.end();
  }
}

/**
 * Apply every pending migration to the database at `ownerUrl`, then make sure the login role of
 * `runtimeUrl` exists with no more rights than the app needs.
 */
export async function runMigrations(ownerUrl: string, runtimeUrl: string): Promise<void> {
  await ensureDatabase(ownerUrl);
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await migrate(drizzle({ client }), { migrationsFolder: path.resolve(import.meta.dirname, "../../drizzle") });
    await provisionRuntimeRole(client, runtimeUrl);
  } finally {
    await client.end();
  }
}

/** Roles are cluster-wide and several databases migrate at once: retry a lost catalog race. */
async function retryingRace<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const e = err as { code?: string; message?: string };
      const race = e.code === "42710" || e.code === "23505" || /tuple concurrently updated/.test(e.message ?? "");
      if (!race || attempt >= 4) throw err;
      await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
    }
  }
}

/** Create or tighten the runtime login role; refuse a configuration where it would be the owner. */
async function provisionRuntimeRole(owner: Client, runtimeUrl: string): Promise<void> {
  const login = dbUserOf(runtimeUrl);
  const password = decodeURIComponent(new URL(runtimeUrl).password);
  const { rows: me } = await owner.query<{ user: string }>("select current_user as user");
  if (login === me[0]!.user) {
    throw new Error("DATABASE_URL must name the runtime login role, not the owner that runs migrations (see README, Configuration)");
  }
  await retryingRace(async () => {
    const { rows } = await owner.query<{ rolcanlogin: boolean; elevated: boolean }>(
      `select rolcanlogin, (rolsuper or rolcreatedb or rolcreaterole or rolreplication or rolbypassrls) as elevated
         from pg_roles where rolname = $1`,
      [login],
    );
    if (!rows[0]) {
      await ddl(owner, "create role %I login", login);
    } else if (!rows[0].rolcanlogin || rows[0].elevated) {
      await ddl(owner, "alter role %I login nosuperuser nocreatedb nocreaterole noreplication nobypassrls", login);
    }
  });
  if (password) {
    await ddl(owner, "alter role %I password %L", login, password);
  }
  // The login inherits the app's privileges through membership of the group role (which owns
  // nothing); it must be a member of nothing else, or SET ROLE could reach more.
  if (login !== RUNTIME_DB_ROLE) {
    await retryingRace(() => ddl(owner, "grant %I to %I", RUNTIME_DB_ROLE, login));
  }
  const { rows: memberships } = await owner.query<{ rolname: string }>(
    `select g.rolname from pg_auth_members m join pg_roles g on g.oid = m.roleid join pg_roles r on r.oid = m.member
      where r.rolname = $1 and g.rolname <> $2`,
    [login, RUNTIME_DB_ROLE],
  );
  if (memberships.length) {
    throw new Error(`runtime role ${login} is a member of ${memberships.map((m) => m.rolname).join(", ")}; revoke that first`);
  }
  const { rows: owned } = await owner.query<{ n: number }>(
    "select count(*)::int as n from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = $1",
    [login],
  );
  if (owned[0]!.n > 0) throw new Error(`runtime role ${login} owns ${owned[0]!.n} relations; it must own nothing`);
  // PostgreSQL 15 already denies CREATE on schema public to PUBLIC; older servers did not.
  await owner.query("revoke create on schema public from public");
}

/** Run a DDL statement whose identifiers and literals PostgreSQL's format() quotes (DDL takes no parameters). */
async function ddl(owner: Client, template: string, ...args: string[]): Promise<void> {
  const placeholders = args.map((_, i) => `$${i + 2}::text`).join(", ");
  const { rows } = await owner.query<{ q: string }>(`select format($1::text, ${placeholders}) as q`, [template, ...args]);
  await owner.query(rows[0]!.q);
}
