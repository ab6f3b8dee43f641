/**
 * The anchored audit chain (SPEC §9): the chain head (id and hash of the newest row, with the row
 * count) is signed and written to object storage, outside the database, every few minutes by the
 * maintenance queue and at worker shutdown. Verification then checks the database against the
 * newest anchor, so a deleted tail (rows after the anchor gone) or a rewritten chain (every hash
 * recomputed after an edit) is detected, not only an edited row.
 *
 * Objects: `audit-anchors/<database>/latest.json` and one `audit-anchors/<database>/<id>.json` per
 * anchor (history). An anchor is never written over a chain that fails against the previous one:
 * that would launder the tampering. Give the bucket object lock / versioning in production, so
 * the anchors cannot be replaced by whoever can reach the database.
 */
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { isDomainError } from "../errors";
import { logger } from "../log";
import { objectStoreFromEnv } from "../storage/from-env";
import { anchorKeyId, signAnchor, verifyAnchorSignature } from "./anchor-key";
import { verifyAuditChain, type ChainVerification } from "./verify";

const anchorBody = z.object({
  version: z.literal(1),
  database: z.string(),
  headId: z.number().int().nonnegative(),
  headHash: z.string().nullable(),
  rows: z.number().int().nonnegative(),
  at: z.string(),
  keyId: z.string(),
});
const anchorFile = anchorBody.extend({ signature: z.string() });

export type AuditAnchor = z.infer<typeof anchorFile>;

export type AnchorCheck =
  | { status: "none" }
  | { status: "matches"; anchor: AuditAnchor; newerRows: number }
  | { status: "tail_deleted"; anchor: AuditAnchor; missingFrom: number }
  | { status: "rewritten"; anchor: AuditAnchor }
  | { status: "bad_signature"; anchor: AuditAnchor | null };

export type AnchoredVerification = ChainVerification & { anchor: AnchorCheck };

/** The plain (unencrypted: anchors hold no PHI) object store of the configured driver. */
const anchorStore = objectStoreFromEnv;

/** The database's name as an object-key segment: anchors of two databases never mix. */
async function namespace(db: Db): Promise<string> {
  const { rows } = await db.execute<{ name: string }>(sql`select current_database() as name`);
  return rows[0]!.name.toLowerCase().replace(/[^a-z0-9_.-]/g, "-");
}

const latestKey = (ns: string) => `audit-anchors/${ns}/latest.json`;
const historyKey = (ns: string, headId: number) => `audit-anchors/${ns}/${String(headId).padStart(15, "0")}.json`;

/** The text that is signed: the anchor's fields in a fixed order. */
const canonical = (a: z.infer<typeof anchorBody>) =>
  JSON.stringify([a.version, a.database, a.headId, a.headHash, a.rows, a.at, a.keyId]);

/** The newest anchor of this database, or null when none was written; throws on an unreadable one. */
export async function readLatestAnchor(db: Db): Promise<AuditAnchor | null> {
  const ns = await namespace(db);
  let raw: Buffer;
  try {
    raw = await anchorStore().get(latestKey(ns));
  } catch (err) {
    if (isDomainError(err) && err.code === "not_found") return null;
    throw err;
  }
  return anchorFile.parse(JSON.parse(raw.toString("utf8")));
}

async function chainHead(db: Db): Promise<{ headId: number; headHash: string | null; rows: number }> {
  const { rows } = await db.execute<{ id: string | null; hash: string | null; rows: string }>(sql`
    select (select a.id::text from audit_events a order by a.id desc limit 1) as id,
           (select a.hash from audit_events a order by a.id desc limit 1) as hash,
           (select count(*)::text from audit_events) as rows`);
  const r = rows[0]!;
  return { headId: Number(r.id ?? 0), headHash: r.hash, rows: Number(r.rows) };
}

/** Compare the database with one anchor (signature first). */
export async function checkAgainstAnchor(db: Db, anchor: AuditAnchor | null): Promise<AnchorCheck> {
  if (!anchor) return { status: "none" };
  const { signature, ...body } = anchor;
  if (!verifyAnchorSignature(canonical(body), signature)) return { status: "bad_signature", anchor };
  const { rows } = await db.execute<{ hash: string | null; max_id: string | null; upto: string; newer: string }>(sql`
    select (select hash from audit_events where id = ${anchor.headId}) as hash,
           (select max(id)::text from audit_events) as max_id,
           (select count(*)::text from audit_events where id <= ${anchor.headId}) as upto,
           (select count(*)::text from audit_events where id > ${anchor.headId}) as newer`);
  const r = rows[0]!;
  if (anchor.headId === 0) return { status: "matches", anchor, newerRows: Number(r.newer) };
  if (r.hash === null && Number(r.max_id ?? 0) < anchor.headId) return { status: "tail_deleted", anchor, missingFrom: Number(r.max_id ?? 0) + 1 };
  if (r.hash !== anchor.headHash || Number(r.upto) !== anchor.rows) return { status: "rewritten", anchor };
  return { status: "matches", anchor, newerRows: Number(r.newer) };
}

/** The whole check: every row's hash, and the chain against the newest anchor. */
export async function verifyAnchoredChain(db: Db): Promise<AnchoredVerification> {
  const chain = await verifyAuditChain(db);
  let anchor: AnchorCheck;
  try {
    anchor = await checkAgainstAnchor(db, await readLatestAnchor(db));
  } catch (err) {
    logger.error({ err: (err as Error).message }, "audit anchor unreadable");
    anchor = { status: "bad_signature", anchor: null };
  }
  return { ...chain, anchor };
}

export type AnchorWrite = { written: true; anchor: AuditAnchor } | { written: false; reason: "unchanged" | "chain_fails" };

/**
 * Sign the current chain head and store it (the repeatable `audit-anchor` job and worker shutdown).
 * Skips when the head has not moved; refuses, loudly, when the chain fails against the last anchor.
 */
export async function writeAuditAnchor(db: Db, now = new Date()): Promise<AnchorWrite> {
  const ns = await namespace(db);
  const previous = await readLatestAnchor(db).catch(() => null);
  const head = await chainHead(db);
  if (previous && previous.headId === head.headId && previous.headHash === head.headHash) return { written: false, reason: "unchanged" };
  const [chain, check] = await Promise.all([verifyAuditChain(db), checkAgainstAnchor(db, previous)]);
  if (!chain.ok || (check.status !== "none" && check.status !== "matches")) {
    logger.error({ chainOk: chain.ok, anchor: check.status }, "audit chain fails verification; no new anchor written");
    return { written: false, reason: "chain_fails" };
  }
  const body = { version: 1 as const, database: ns, ...head, at: now.toISOString(), keyId: anchorKeyId() };
  const anchor: AuditAnchor = { ...body, signature: signAnchor(canonical(body)) };
  const bytes = Buffer.from(JSON.stringify(anchor, null, 2));
  await anchorStore().put(historyKey(ns, head.headId), bytes);
  await anchorStore().put(latestKey(ns), bytes);
  return { written: true, anchor };
}
