"use client";
/** Change password: errors beside each field; success signs the user out everywhere. */
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { api, failureMessage, fieldError, type Failure } from "@/components/api/client";

export function PasswordForm() {
  const router = useRouter();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [pending, setPending] = useState(false);
  async function submit(form: FormData) {
    setPending(true);
    const result = await api("/api/v1/me/password", { method: "POST", body: { currentPassword: form.get("currentPassword"), newPassword: form.get("newPassword") } });
    setPending(false);
    if (result.ok) return router.replace("/sign-in?signedOut=1");
    setFailure(result);
  }
  // Field problems are shown beside the fields; anything else above them.
  const message = failure && !failure.fields ? failureMessage(failure) : null;
  return (
    <form action={submit} className="mt-3 space-y-3" noValidate>
      {message && <p role="alert" className="text-sm text-red-700">{message}</p>}
      <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={fieldError(failure, "currentPassword")} />
      <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" required hint="At least 12 characters; a passphrase works well." error={fieldError(failure, "newPassword")} />
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Change password"}</Button>
    </form>
  );
}
