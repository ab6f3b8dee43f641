"use client";
/** One user's forms: details (name, role, clinic), activation, and a fresh set-password link. */
import { useActionState } from "react";
import type { UserDto } from "@/lib/identity/users";
import type { FormAction } from "@/lib/http/result";
import { Button } from "@/components/ui/button";
import { FormStatus, fieldError } from "@/components/ui/form-status";
import { TextField } from "@/components/ui/text-field";
import { RoleClinicFields, type ClinicOption } from "./role-clinic-fields";

export type UserActions = {
  update: FormAction<UserDto>;
  setActive: FormAction<UserDto>;
  resendInvite: FormAction<{ expiresAt: string; emailed: boolean }>;
};

export function UserEditForms({ user, clinics, actions }: { user: UserDto; clinics: ClinicOption[]; actions: UserActions }) {
  const [saved, save, saving] = useActionState(actions.update, null);
  const [toggled, toggle, toggling] = useActionState(actions.setActive, null);
  const [sent, send, sending] = useActionState(actions.resendInvite, null);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <form action={save} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" noValidate aria-labelledby="details-title">
        <h2 id="details-title" className="text-lg font-semibold">Details</h2>
        <FormStatus result={saved} success={() => "Saved."} />
        <input type="hidden" name="id" value={user.id} />
        <TextField label="Name" name="name" defaultValue={user.name} required error={fieldError(saved, "name")} />
        <RoleClinicFields clinics={clinics} role={user.role} clinicId={user.clinicId} errors={{ role: fieldError(saved, "role"), clinicId: fieldError(saved, "clinicId") }} />
        <Button type="submit" disabled={saving}>{saving ? "Saving…" : "Save changes"}</Button>
      </form>
      <div className="space-y-6">
        <form action={toggle} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="access-title">
          <h2 id="access-title" className="text-lg font-semibold">Access</h2>
          <FormStatus
            result={toggled}
            success={(u) => (u.active ? "Account reactivated. Send a new set-password link if they need one." : "Account deactivated; its sessions have ended.")}
          />
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
            <FormStatus
              result={sent}
              success={(r) => (r.emailed ? "A new set-password link was e-mailed; earlier links no longer work." : "The e-mail could not be sent; try again later.")}
            />
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
