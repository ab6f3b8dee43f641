"use client";
/** Choose a password from an invitation link; on success, a link to sign in. */
import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { setPasswordAction, type SetPasswordState } from "./actions";

const initial: SetPasswordState = { done: false, message: null, fields: {} };

export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState(setPasswordAction, initial);
  if (state.done) {
    return (
      <div className="space-y-4">
        <p role="status" className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-800">{state.message}</p>
        <Link href="/sign-in" className="inline-flex w-full justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">Go to sign-in</Link>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message && <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{state.message}</p>}
      <input type="hidden" name="token" value={token} />
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField label="New password" name="password" type="password" autoComplete="new-password" required minLength={12} hint="At least 12 characters. A few unrelated words make a strong one." error={state.fields.password?.[0]} />
      <TextField label="Repeat the password" name="confirm" type="password" autoComplete="new-password" required error={state.fields.confirm?.[0]} />
      <Button type="submit" className="w-full" disabled={pending}>{pending ? "Saving…" : "Set password"}</Button>
    </form>
  );
}
