"use server";
/** Verify the audit hash chain from the viewer (audited by the service). */
import { verifyAuditLog } from "@/lib/audit/viewer";
import { requirePageContext } from "@/lib/auth/page";
import { db } from "@/lib/db/client";

export type VerifyState = { status: "idle" } | { status: "ok"; rows: number; checkedAt: string } | { status: "broken"; rows: number; firstBadId: number; checkedAt: string };

export async function verifyChainAction(): Promise<VerifyState> {
  const ctx = await requirePageContext("admin");
  const r = await verifyAuditLog(db, ctx);
  return r.ok ? { status: "ok", rows: r.rows, checkedAt: r.checkedAt } : { status: "broken", rows: r.rows, firstBadId: r.firstBadId, checkedAt: r.checkedAt };
}
