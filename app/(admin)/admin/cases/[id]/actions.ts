"use server";
/** "Send to PACS again" on the admin case page (same service as POST /api/v1/cases/{id}/pacs-sends). */
import { revalidatePath } from "next/cache";
import { requirePageContext } from "@/lib/auth/page";
import { db } from "@/lib/db/client";
import { requestPacsSend } from "@/lib/dicom/pacs-sends";
import type { ActionState } from "../../action-state";
import { runAction } from "../../run-action";

export async function sendToPacsAction(caseId: string, _prev: ActionState): Promise<ActionState> {
  const ctx = await requirePageContext("admin");
  return runAction(ctx, async () => {
    await requestPacsSend(db, ctx, caseId);
    revalidatePath(`/admin/cases/${caseId}`);
    return "Queued. The study goes out within a few seconds; refresh to see the PACS's answer.";
  });
}
