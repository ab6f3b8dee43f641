"use server";
/** Saving the SLA settings from the settings page (same service as PUT /api/v1/settings/sla). */
import { revalidatePath } from "next/cache";
import { saveSlaSettings } from "@/lib/sla/settings";
import { requirePageContext } from "@/lib/auth/page";
import { db } from "@/lib/db/client";
import type { ActionState } from "../action-state";
import { runAction } from "../run-action";

const num = (v: FormDataEntryValue | null) => (v === null || String(v).trim() === "" ? Number.NaN : Number(v));

export async function saveSlaAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requirePageContext("admin");
  return runAction(ctx, async () => {
    await saveSlaSettings(db, ctx, {
      hours: { urgent: num(form.get("urgent")), soon: num(form.get("soon")), routine: num(form.get("routine")) },
      atRiskFraction: num(form.get("atRiskPercent")) / 100,
    });
    revalidatePath("/admin/settings");
    return "Saved. Cases triaged from now on get these windows; cases already in the queue keep their deadlines.";
  });
}
