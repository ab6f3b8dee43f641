"use client";
/** Choose a password from an invitation link; on success, a link to sign in. */
import Link from "next/link";
import { useActionState } from "react";
import { failureMessage, fieldError, type FormAction } from "@/lib/http/result";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

export function SetPasswordForm({ token, email, setPassword }: { token: string; email: string; setPassword: FormAction<{ email: string }> }) {
  const [state, action, pending] = useActionState(setPassword, null);
  if (state?.ok) {
    return (
      <div className="space-y-4">
        <p role="status" className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-800">Your password is set. You can sign in now.</p>
        <Link href="/sign-in" className="inline-flex w-full justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">Go to sign-in</Link>
      </div>
    );
  }
  // A dead link is named by its own field message; other field problems sit beside their fields.
  const message = !state
    ? null
    : state.code === "rate_limited"
      ? "Too many attempts from this network. Try again in a few minutes."
      : (fieldError(state, "token") ?? failureMessage(state));
  return (
    <form action={action} className="space-y-4" noValidate>
      {message && <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{message}</p>}
      <input type="hidden" name="token" value={token} />
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField label="New password" name="password" type="password" autoComplete="new-password" required minLength={12} hint="At least 12 characters. A few unrelated words make a strong one." error={fieldError(state, "password")} />
      <TextField label="Repeat the password" name="confirm" type="password" autoComplete="new-password" required error={fieldError(state, "confirm")} />
      <Button type="submit" className="w-full" disabled={pending}>{pending ? "Saving…" : "Set password"}</Button>
    </form>
  );
}
