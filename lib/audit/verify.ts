/** Verifies the audit hash chain: every row's hash recomputed from its content and its predecessor. */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";

export type ChainVerification = { ok: true; rows: number } | { ok: false; rows: number; firstBadId: number };

/** Recompute the whole chain in the database and report the first row that does not match. */
export async function verifyAuditChain(db: Db): Promise<ChainVerification> {
  const result = await db.execute<{ rows: string; first_bad: string | null }>(sql`
    with chain as (
      select a.id, a.hash, a.prev_hash,
             lag(a.hash) over (order by a.id) as expected_prev,
             audit_row_hash(lag(a.hash) over (order by a.id), a) as expected_hash
      from audit_events a
    )
    select count(*)::text as rows,
           min(id) filter (where hash is distinct from expected_hash
                              or prev_hash is distinct from expected_prev)::text as first_bad
    from chain`);
  const row = result.rows[0];
  const rows = Number(row?.rows ?? 0);
  return row?.first_bad ? { ok: false, rows, firstBadId: Number(row.first_bad) } : { ok: true, rows };
}
