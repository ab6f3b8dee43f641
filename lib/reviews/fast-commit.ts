/**
 * `SET LOCAL synchronous_commit = off` for the review loop's hot, low-stakes transactions (claims,
 * releases, the queue-read audit row). Why: the audit chain takes one advisory lock per audited
 * transaction and holds it until commit, so a commit that waits for its WAL flush (≈ 3–10 ms on
 * this class of disk) serialises every specialist behind that flush.
 *
 * What it costs: after a database crash, transactions committed in the last ~0.6 s (3 ×
 * wal_writer_delay) may be lost — each one whole, with its case event and audit row, never one
 * without the other; there is no corruption and no partial state. For a claim that means the case
 * is simply still in the queue. Clinical writes (replies, info requests and answers) do NOT use
 * this: they commit synchronously.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";

/** Let the current transaction's commit return before its WAL record is flushed. */
export async function relaxedCommit(tx: Db): Promise<void> {
  await tx.execute(sql`set local synchronous_commit = off`);
}
