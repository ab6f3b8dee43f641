"use client";
/** Invite someone: the account is created without a password and a single-use link is e-mailed. */
import { useActionState } from "react";
import type { UserDto } from "@/lib/identity/users";
import type { FormAction } from "@/lib/http/result";
import { Button } from "@/components/ui/button";
import { FormStatus, fieldError } from "@/components/ui/form-status";
import { TextField } from "@/components/ui/text-field";
import { RoleClinicFields, type ClinicOption } from "./role-clinic-fields";

type Invited = { user: UserDto; invite: { expiresAt: string; emailed: boolean } };

const sentMessage = ({ user, invite }: Invited) =>
  invite.emailed
    ? `Invitation sent to ${user.email}. The link works once and expires ${new Date(invite.expiresAt).toUTCString()}.`
    : `Account created for ${user.email}, but the e-mail could not be sent. Open the account and send a new link.`;

export function InviteUserForm({ clinics, invite }: { clinics: ClinicOption[]; invite: FormAction<Invited> }) {
  const [state, action, pending] = useActionState(invite, null);
  return (
    <form action={action} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" noValidate aria-labelledby="invite-title">
      <h2 id="invite-title" className="text-lg font-semibold">Invite a user</h2>
      <FormStatus result={state} success={sentMessage} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Name" name="name" autoComplete="off" required error={fieldError(state, "name")} />
        <TextField label="E-mail" name="email" type="email" autoComplete="off" required error={fieldError(state, "email")} />
        <RoleClinicFields clinics={clinics} errors={{ role: fieldError(state, "role"), clinicId: fieldError(state, "clinicId") }} />
      </div>
      <p className="text-xs text-slate-500">They receive a link to set their own password. It works once and expires after 72 hours.</p>
      <Button type="submit" disabled={pending}>{pending ? "Sending…" : "Send invitation"}</Button>
    </form>
  );
}
