"use client";
/** Ends every session of the user after a confirmation. */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { api } from "@/components/api/client";

export function SignOutEverywhere() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  async function run() {
    if (!window.confirm("Sign out on every device, including this one?")) return;
    setPending(true);
    await api("/api/v1/me/sign-out-everywhere", { method: "POST" });
    router.replace("/sign-in?signedOut=1");
  }
  return (
    <Button type="button" variant="secondary" className="mt-3" onClick={run} disabled={pending}>
      {pending ? "Signing out…" : "Sign out everywhere"}
    </Button>
  );
}
