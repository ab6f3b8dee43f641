"use client";
/** Confirms two-factor set-up with a first code, then shows the recovery codes exactly once. */
import Link from "next/link";
import { useActionState } from "react";
import { failureMessage, fieldError, type FormAction } from "@/lib/http/result";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

export function MfaConfirmForm({ home, confirm }: { home: string; confirm: FormAction<{ recoveryCodes: string[] }> }) {
  const [state, action, pending] = useActionState(confirm, null);
  if (state?.ok) {
    return (
      <div role="status" className="space-y-3">
        <p className="font-medium text-brand-800">Two-factor sign-in is on.</p>
        <p className="text-sm text-slate-700">
          Keep these recovery codes somewhere safe. Each works once if you lose your phone; they will not be shown again.
        </p>
        <ul className="grid grid-cols-2 gap-2 font-mono text-sm" aria-label="Recovery codes">
          {state.data.recoveryCodes.map((c) => (
            <li key={c} className="rounded bg-slate-100 px-2 py-1">
              {c}
            </li>
          ))}
        </ul>
        <Link href={home} className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Continue
        </Link>
      </div>
    );
  }
  const error = state ? (fieldError(state, "code") ?? failureMessage(state)) : undefined;
  return (
    <form action={action} className="space-y-3" noValidate>
      <TextField label="6-digit code" name="code" inputMode="numeric" autoComplete="one-time-code" required error={error} />
      <Button type="submit" disabled={pending}>
        {pending ? "Checking…" : "Turn on two-factor sign-in"}
      </Button>
    </form>
  );
}
