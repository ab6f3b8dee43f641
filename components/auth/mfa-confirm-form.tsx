"use client";
/** Confirms two-factor set-up with a first code, then shows the recovery codes exactly once. */
import Link from "next/link";
import { useActionState } from "react";
import { confirmMfaAction, type MfaConfirmState } from "@/app/actions/mfa";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

const initial: MfaConfirmState = { error: null, recoveryCodes: null };

export function MfaConfirmForm({ home }: { home: string }) {
  const [state, action, pending] = useActionState(confirmMfaAction, initial);
  if (state.recoveryCodes) {
    return (
      <div role="status" className="space-y-3">
        <p className="font-medium text-brand-800">Two-factor sign-in is on.</p>
        <p className="text-sm text-slate-700">
          Keep these recovery codes somewhere safe. Each works once if you lose your phone; they will not be shown again.
        </p>
        <ul className="grid grid-cols-2 gap-2 font-mono text-sm" aria-label="Recovery codes">
          {state.recoveryCodes.map((c) => (
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
  return (
    <form action={action} className="space-y-3" noValidate>
      <TextField label="6-digit code" name="code" inputMode="numeric" autoComplete="one-time-code" required error={state.error ?? undefined} />
      <Button type="submit" disabled={pending}>
        {pending ? "Checking…" : "Turn on two-factor sign-in"}
      </Button>
    </form>
  );
}
