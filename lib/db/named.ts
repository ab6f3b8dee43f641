/**
 * Named (server-side prepared) statements for the hottest queries. PostgreSQL parses and plans a
 * named statement once per connection and then reuses the plan; for the claim statement and the
 * case detail, planning cost as much as executing (measured: 2.0 → 1.0 ms of database CPU per
 * claim). The SQL text is fixed at module load from a drizzle `sql` template whose variable
 * parts are `sql.placeholder(...)`s, so the text the server caches never changes under its name.
 */
import { fillPlaceholders, sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { pool, type Db } from "./client";

const dialect = new PgDialect({ casing: "snake_case" });

export type NamedStatement<Row> = (values: Record<string, unknown>) => Promise<Row[]>;

/**
 * A statement run under `name` on whichever pooled connection serves it, outside any transaction
 * (it must be atomic on its own). Rows come back as PostgreSQL sends them: snake_case, unmapped.
 */
export function namedStatement<Row>(name: string, query: SQL): NamedStatement<Row> {
  const { text, params } = statementText(query);
  return async (values) => {
    const result = await pool.query({ name, text, values: fillPlaceholders(params, values) });
    return result.rows as Row[];
  };
}

/** The text a named statement of `query` runs, and its placeholders in order (for `fillPlaceholders`). */
export function statementText(query: SQL): { text: string; params: unknown[] } {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return { text, params };
}

/**
 * `build(db)` once per database handle (for drizzle's `.prepare(name)`, which binds a query to a
 * handle): the pool's handle lives for the process, a transaction's for its transaction.
 */
export function perHandle<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let q = built.get(db);
    if (!q) built.set(db, (q = build(db)));
    return q;
  };
}

/**
 * A constant of our own code written into the statement text, not sent as a parameter. In a named
 * statement PostgreSQL soon switches to a generic plan, which cannot match a parameter against a
 * partial index's predicate: `status = $1` never uses `cases_queue_idx (… WHERE status = 'triaged')`,
 * `status = 'triaged'` does. Only for constants (never user input): quotes are doubled anyway.
 */
export const literal = (value: string): SQL => sql.raw(`'${value.replaceAll("'", "''")}'`);

/** A named placeholder, filled per execution (drizzle's `sql.placeholder`). */
export const param = (name: string) => sql.placeholder(name);
