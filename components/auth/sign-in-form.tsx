"use client";
/**
 * The sign-in form: labelled fields, one generic error, pending state on the button. When the
 * account uses two-factor sign-in, the same form asks for the one-time code; the fields are
 * controlled so the email and password survive that second step without being echoed back.
 */
import { useActionState, useEffect, useState } from "react";
import type { FormAction, Result } from "@/lib/http/result";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { TextField } from "@/components/ui/text-field";

type Outcome = { needCode: true } | { navigate: string };
type Step = { result: Result<Outcome>; needCode: boolean };

export function SignInForm({ signIn }: { signIn: FormAction<Outcome> }) {
  // A success never returns here (it redirects); a refusal keeps the code field if it was shown.
  const [state, action, pending] = useActionState(async (_prev: Step | null, form: FormData): Promise<Step> => {
    const result = await signIn(null, form);
    return { result, needCode: (result.ok && "needCode" in result.data) || form.has("code") };
  }, null);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const needCode = state?.needCode ?? false;
  // After a sign-in that continues a SMART launch: a full-page load of /smart/continue.
  const navigate = state?.result.ok && "navigate" in state.result.data ? state.result.data.navigate : null;
  useEffect(() => {
    if (navigate) window.location.assign(navigate);
  }, [navigate]);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormStatus result={state?.result ?? null} />
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
      {needCode && (
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
        {pending ? "Signing in…" : needCode ? "Verify and sign in" : "Sign in"}
      </Button>
    </form>
  );
}
