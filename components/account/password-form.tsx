"use client";
/** Change password: errors beside each field; success signs the user out everywhere. */
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { apiPost } from "./api-post";

export function PasswordForm() {
  const router = useRouter();
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function submit(form: FormData) {
    setPending(true);
    const result = await apiPost("/api/v1/me/password", { currentPassword: form.get("currentPassword"), newPassword: form.get("newPassword") });
    setPending(false);
    if (result.ok) return router.replace("/sign-in?signedOut=1");
    setFields(result.fields);
    setMessage(Object.keys(result.fields).length ? null : result.message);
  }
  return (
    <form action={submit} className="mt-3 space-y-3" noValidate>
      {message && <p role="alert" className="text-sm text-red-700">{message}</p>}
      <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={fields.currentPassword?.[0]} />
      <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" required hint="At least 12 characters; a passphrase works well." error={fields.newPassword?.[0]} />
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Change password"}</Button>
    </form>
  );
}
