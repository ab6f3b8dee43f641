import { verifyAuditLog } from "@/lib/audit/viewer";
import { db } from "@/lib/db/client";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";

/** Recompute the audit hash chain: `{ok, rows, firstBadId?, checkedAt}`. */
export const POST = apiRoute(["admin"], async ({ ctx }) => json(await verifyAuditLog(db, ctx)));
export const GET = POST;
