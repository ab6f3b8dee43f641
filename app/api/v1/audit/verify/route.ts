import { verifyAuditEndpoint } from "@/lib/endpoints/admin";
import { route } from "@/lib/http/route";

/** Recompute the audit hash chain: `{ok, rows, firstBadId?, checkedAt}`. */
export const POST = route(verifyAuditEndpoint);
export const GET = POST;
