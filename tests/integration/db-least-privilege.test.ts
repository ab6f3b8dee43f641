/**
 * SPEC §9 "least privilege in the database": the connection the app and worker use logs in as a
 * role that owns nothing, cannot become the owner (RESET ROLE, SET ROLE, SET SESSION
 * AUTHORIZATION), cannot change the schema and cannot change or delete audit rows; tables a later
 * migration creates are granted to it by default privileges.
 */
import { afterAll, describe, expect, it } from "vitest";
import { Client, type PoolClient } from "pg";
import { pool } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { dbUserOf } from "@/lib/db/urls";
import { env } from "@/lib/env";
import { audit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { createUser, ctxOf } from "../support/factories";

const denied = /permission denied|must be owner|must be superuser|must be member/;

async function asRuntime<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    return await fn(c);
  } finally {
    c.release(true); // never hand a connection whose role settings a test touched back to the pool
  }
}

async function asOwner<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: env.MIGRATION_DATABASE_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const currentUser = async (c: PoolClient) => (await c.query<{ u: string }>("select current_user as u")).rows[0]!.u;

describe("the runtime database role", () => {
  afterAll(() => asOwner((o) => o.query("drop table if exists least_privilege_probe")));

  it("is the login role of DATABASE_URL, not the owner, and no superuser; it owns nothing", async () => {
    await asRuntime(async (c) => {
      const login = dbUserOf(env.DATABASE_URL);
      expect(login).not.toBe(dbUserOf(env.MIGRATION_DATABASE_URL!));
      expect(await currentUser(c)).toBe(login);
      const { rows } = await c.query<{ super: boolean; owned: number; schemas: number }>(
        `select r.rolsuper as super,
                (select count(*)::int from pg_class where relowner = r.oid) as owned,
                (select count(*)::int from pg_namespace where nspowner = r.oid) as schemas
           from pg_roles r where r.rolname = current_user`,
      );
      expect(rows[0]).toEqual({ super: false, owned: 0, schemas: 0 });
    });
  });

  it("cannot RESET ROLE, SET ROLE or SET SESSION AUTHORIZATION into the owner", async () => {
    const owner = dbUserOf(env.MIGRATION_DATABASE_URL!);
    await asRuntime(async (c) => {
      const me = await currentUser(c);
      await c.query("reset role");
      expect(await currentUser(c)).toBe(me); // there is no more powerful identity to return to
      await expect(c.query(`set role "${owner}"`)).rejects.toThrow(denied);
      await expect(c.query(`set session authorization "${owner}"`)).rejects.toThrow(denied);
      expect(await currentUser(c)).toBe(me);
    });
  });

  it("cannot alter, create or drop tables, nor switch the audit triggers off", async () => {
    await asRuntime(async (c) => {
      await expect(c.query("alter table cases add column sneaky text")).rejects.toThrow(denied);
      await expect(c.query("create table sneaky (id int)")).rejects.toThrow(denied);
      await expect(c.query("drop table outbox")).rejects.toThrow(denied);
      await expect(c.query("alter table audit_events disable trigger audit_events_no_update")).rejects.toThrow(denied);
      await expect(c.query("set session_replication_role = replica")).rejects.toThrow(denied);
    });
  });

  it("cannot update, delete or truncate audit rows", async () => {
    await audit(db, ctxOf(await createUser("admin")), { action: "test.least-privilege", resourceType: "test" });
    await asRuntime(async (c) => {
      await expect(c.query("update audit_events set action = 'x' where action = 'test.least-privilege'")).rejects.toThrow(denied);
      await expect(c.query("delete from audit_events where action = 'test.least-privilege'")).rejects.toThrow(denied);
      await expect(c.query("truncate audit_events")).rejects.toThrow(denied);
      const { rows } = await c.query("select 1 from audit_events where action = 'test.least-privilege'");
      expect(rows).toHaveLength(1);
    });
  });

  it("is granted a table a later migration creates (default privileges), without owning it", async () => {
    await asOwner((o) => o.query("create table least_privilege_probe (id serial primary key, note text)"));
    await asRuntime(async (c) => {
      await c.query("insert into least_privilege_probe (note) values ('ok')");
      expect((await c.query("select note from least_privilege_probe")).rows).toEqual([{ note: "ok" }]);
      await expect(c.query("alter table least_privilege_probe add column x int")).rejects.toThrow(denied);
    });
  });

  it("migrations refuse a DATABASE_URL that logs in as the owner", async () => {
    await expect(runMigrations(env.MIGRATION_DATABASE_URL!, env.MIGRATION_DATABASE_URL!)).rejects.toThrow(/runtime login role/);
  });
});
