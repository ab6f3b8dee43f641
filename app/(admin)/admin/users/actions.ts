"use server";
/** Server actions of the users screens; each calls the same lib/identity service as the API. */
import { revalidatePath } from "next/cache";
import { inviteUser, resendInvite, updateUser } from "@/lib/identity/users";
import { requirePageContext } from "@/lib/auth/page";
import { db } from "@/lib/db/client";
import type { ActionState } from "../action-state";
import { runAction } from "../run-action";

const str = (form: FormData, k: string) => String(form.get(k) ?? "");

export async function inviteUserAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requirePageContext("admin");
  return runAction(ctx, async () => {
    const role = str(form, "role");
    const { user, invite } = await inviteUser(db, ctx, {
      email: str(form, "email"),
      name: str(form, "name"),
      role,
      clinicId: role === "referrer" ? str(form, "clinicId") || null : null,
    });
    revalidatePath("/admin/users");
    return invite.emailed
      ? `Invitation sent to ${user.email}. The link works once and expires ${new Date(invite.expiresAt).toUTCString()}.`
      : `Account created for ${user.email}, but the e-mail could not be sent. Open the account and send a new link.`;
  });
}

export async function updateUserAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requirePageContext("admin");
  const id = str(form, "id");
  return runAction(ctx, async () => {
    const role = str(form, "role");
    await updateUser(db, ctx, id, { name: str(form, "name"), role, clinicId: role === "referrer" ? str(form, "clinicId") || null : null });
    revalidatePath("/admin/users");
    revalidatePath(`/admin/users/${id}`);
    return "Saved.";
  });
}

export async function setActiveAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requirePageContext("admin");
  const id = str(form, "id");
  const active = str(form, "active") === "true";
  return runAction(ctx, async () => {
    await updateUser(db, ctx, id, { active });
    revalidatePath("/admin/users");
    revalidatePath(`/admin/users/${id}`);
    return active ? "Account reactivated. Send a new set-password link if they need one." : "Account deactivated; its sessions have ended.";
  });
}

export async function resendInviteAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requirePageContext("admin");
  const id = str(form, "id");
  return runAction(ctx, async () => {
    const r = await resendInvite(db, ctx, id);
    revalidatePath(`/admin/users/${id}`);
    return r.emailed ? "A new set-password link was e-mailed; earlier links no longer work." : "The e-mail could not be sent; try again later.";
  });
}
