"use server";
/** Server actions of the clinics screen; the same lib/clinics services as the API. */
import { revalidatePath } from "next/cache";
import { createClinic, updateClinic } from "@/lib/clinics/service";
import { requirePageContext } from "@/lib/auth/page";
import { db } from "@/lib/db/client";
import type { ActionState } from "../action-state";
import { runAction } from "../run-action";

export async function createClinicAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requirePageContext("admin");
  return runAction(ctx, async () => {
    const c = await createClinic(db, ctx, { name: String(form.get("name") ?? "") });
    revalidatePath("/admin/clinics");
    return `Clinic “${c.name}” created. Invite its clinicians from the Users page.`;
  });
}

export async function updateClinicAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requirePageContext("admin");
  const id = String(form.get("id") ?? "");
  const intent = String(form.get("intent") ?? "rename");
  return runAction(ctx, async () => {
    const patch = intent === "rename" ? { name: String(form.get("name") ?? "") } : { active: intent === "reactivate" };
    const c = await updateClinic(db, ctx, id, patch);
    revalidatePath("/admin/clinics");
    return intent === "rename" ? "Renamed." : c.active ? "Clinic reactivated. Reactivate its clinicians one by one." : "Clinic deactivated; its clinicians can no longer sign in.";
  });
}
