"use server";
/** Server actions of the integrations screen; the same lib/smart services as /api/v1/ehr-connections. */
import { revalidatePath } from "next/cache";
import { requirePageContext } from "@/lib/auth/page";
import { db } from "@/lib/db/client";
import { createConnection, updateConnection } from "@/lib/smart/connections";
import type { ActionState } from "../action-state";
import { runAction } from "../run-action";

const text = (form: FormData, key: string) => String(form.get(key) ?? "").trim();

export async function createConnectionAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requirePageContext("admin");
  return runAction(ctx, async () => {
    const secret = text(form, "clientSecret");
    const c = await createConnection(db, ctx, { name: text(form, "name"), iss: text(form, "iss"), clientId: text(form, "clientId"), clinicId: text(form, "clinicId"), scopes: text(form, "scopes") || undefined, ...(secret ? { clientSecret: secret } : {}) });
    revalidatePath("/admin/integrations");
    return `“${c.name}” registered. Give the EHR the launch and redirect URLs shown below.`;
  });
}

export async function updateConnectionAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requirePageContext("admin");
  const intent = text(form, "intent");
  return runAction(ctx, async () => {
    const secret = text(form, "clientSecret");
    const patch = intent === "save" ? { name: text(form, "name"), scopes: text(form, "scopes"), ...(secret ? { clientSecret: secret } : {}) } : { active: intent === "activate" };
    await updateConnection(db, ctx, text(form, "id"), patch);
    revalidatePath("/admin/integrations");
    return intent === "save" ? "Saved." : intent === "activate" ? "Connection active: launches from this EHR work again." : "Connection deactivated: launches from this EHR are refused.";
  });
}
