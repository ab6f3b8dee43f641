"use client";
/**
 * The sign-in form: labelled fields, one generic error, pending state on the button. When the
 * account uses two-factor sign-in, the same form asks for the one-time code; the fields are
 * controlled so the email and password survive that second step without being echoed back.
 */
import { useActionState, useEffect, useState } from "react";
import { signInAction, type SignInState } from "@/app/actions/auth";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

const initial: SignInState = { error: null, email: "", needCode: false };

export function SignInForm() {
  const [state, action, pending] = useActionState(signInAction, initial);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  useEffect(() => {
    if (state.navigate) window.location.assign(state.navigate);
  }, [state.navigate]);
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error}
        </p>
      )}
      <TextField label="Email" name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      {state.needCode && (
        <TextField
          label="One-time code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          autoFocus
          required
          hint="The 6-digit code from your authenticator app, or one of your recovery codes."
        />
      )}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : state.needCode ? "Verify and sign in" : "Sign in"}
      </Button>
    </form>
  );
}
