"use client";
/** Invite someone: the account is created without a password and a single-use link is e-mailed. */
import { useActionState } from "react";
import { inviteUserAction } from "@/app/(admin)/admin/users/actions";
import { IDLE } from "@/app/(admin)/admin/action-state";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { FormStatus, fieldError } from "./form-status";
import { RoleClinicFields, type ClinicOption } from "./role-clinic-fields";

export function InviteUserForm({ clinics }: { clinics: ClinicOption[] }) {
  const [state, action, pending] = useActionState(inviteUserAction, IDLE);
  const f = state.fields;
  return (
    <form action={action} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" noValidate aria-labelledby="invite-title">
      <h2 id="invite-title" className="text-lg font-semibold">Invite a user</h2>
      <FormStatus state={state} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Name" name="name" autoComplete="off" required error={fieldError(f, "name")} />
        <TextField label="E-mail" name="email" type="email" autoComplete="off" required error={fieldError(f, "email")} />
        <RoleClinicFields clinics={clinics} errors={{ role: fieldError(f, "role"), clinicId: fieldError(f, "clinicId") }} />
      </div>
      <p className="text-xs text-slate-500">They receive a link to set their own password. It works once and expires after 72 hours.</p>
      <Button type="submit" disabled={pending}>{pending ? "Sending…" : "Send invitation"}</Button>
    </form>
  );
}
