"use server";
/** Verify the audit hash chain from the viewer (the endpoint of POST /api/v1/audit/verify). */
import { verifyAuditEndpoint } from "@/lib/endpoints/admin";
import { serverAction } from "@/lib/http/action";

const verify = serverAction(verifyAuditEndpoint, { input: () => undefined });

export async function verifyChainAction(...args: Parameters<typeof verify>) {
  return verify(...args);
}
