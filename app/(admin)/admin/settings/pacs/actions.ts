"use server";
/** Saving the PACS settings from its settings page (same service as PUT /api/v1/settings/pacs). */
import { revalidatePath } from "next/cache";
import { requirePageContext } from "@/lib/auth/page";
import { db } from "@/lib/db/client";
import { savePacsSettings } from "@/lib/dicom/pacs-settings";
import { Invalid } from "@/lib/errors";
import type { ActionState } from "../../action-state";
import { runAction } from "../../run-action";

/** Parse "Name: value" lines; null when a line is not of that shape. */
function headerLines(text: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const at = line.indexOf(":");
    if (at <= 0) return null;
    out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

export async function savePacsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requirePageContext("admin");
  return runAction(ctx, async () => {
    const stowUrl = String(form.get("stowUrl") ?? "").trim();
    const typed = String(form.get("headers") ?? "").trim();
    let headers: Record<string, string> | undefined;
    if (typed) {
      const parsed = headerLines(typed);
      if (!parsed) throw Invalid("Validation failed", { headers: ["Write one header per line as Name: value"] });
      headers = parsed;
    } else if (form.get("clearHeaders") === "1") headers = {};
    await savePacsSettings(db, ctx, { stowUrl: stowUrl || null, sendOn: form.get("sendOn"), ...(headers ? { headers } : {}) });
    revalidatePath("/admin/settings/pacs");
    return stowUrl ? "Saved. New sends use these settings." : "Saved. Sending to a PACS is off.";
  });
}
