"use client";
/** One user's forms: details (name, role, clinic), activation, and a fresh set-password link. */
import { useActionState } from "react";
import { resendInviteAction, setActiveAction, updateUserAction } from "@/app/(admin)/admin/users/actions";
import { IDLE } from "@/app/(admin)/admin/action-state";
import type { UserDto } from "@/lib/identity/users";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { FormStatus, fieldError } from "./form-status";
import { RoleClinicFields, type ClinicOption } from "./role-clinic-fields";

export function UserEditForms({ user, clinics }: { user: UserDto; clinics: ClinicOption[] }) {
  const [saved, save, saving] = useActionState(updateUserAction, IDLE);
  const [toggled, toggle, toggling] = useActionState(setActiveAction, IDLE);
  const [sent, send, sending] = useActionState(resendInviteAction, IDLE);
  const f = saved.fields;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <form action={save} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" noValidate aria-labelledby="details-title">
        <h2 id="details-title" className="text-lg font-semibold">Details</h2>
        <FormStatus state={saved} />
        <input type="hidden" name="id" value={user.id} />
        <TextField label="Name" name="name" defaultValue={user.name} required error={fieldError(f, "name")} />
        <RoleClinicFields clinics={clinics} role={user.role} clinicId={user.clinicId} errors={{ role: fieldError(f, "role"), clinicId: fieldError(f, "clinicId") }} />
        <Button type="submit" disabled={saving}>{saving ? "Saving…" : "Save changes"}</Button>
      </form>
      <div className="space-y-6">
        <form action={toggle} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="access-title">
          <h2 id="access-title" className="text-lg font-semibold">Access</h2>
          <FormStatus state={toggled} />
          <input type="hidden" name="id" value={user.id} />
          <input type="hidden" name="active" value={user.active ? "false" : "true"} />
          <p className="text-sm text-slate-600">
            {user.active
              ? "Deactivating ends every session of this account at once and blocks sign-in. Their cases and history stay."
              : "This account is deactivated and cannot sign in."}
          </p>
          <Button type="submit" variant={user.active ? "danger" : "secondary"} disabled={toggling}>
            {user.active ? "Deactivate account" : "Reactivate account"}
          </Button>
        </form>
        {user.active && (
          <form action={send} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="link-title">
            <h2 id="link-title" className="text-lg font-semibold">Set-password link</h2>
            <FormStatus state={sent} />
            <input type="hidden" name="id" value={user.id} />
            <p className="text-sm text-slate-600">
              {user.invitePendingUntil ? `A link is open until ${new Date(user.invitePendingUntil).toUTCString()}. ` : ""}
              A new link replaces any earlier one and lets them choose a new password.
            </p>
            <Button type="submit" variant="secondary" disabled={sending}>{sending ? "Sending…" : "E-mail a new link"}</Button>
          </form>
        )}
      </div>
    </div>
  );
}
