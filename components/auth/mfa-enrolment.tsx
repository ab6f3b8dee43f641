"use client";
/**
 * Two-factor set-up in two steps: a button asks the server for a new secret (an action, never the
 * page render, so reloading the page does not silently replace a secret already scanned), then
 * the QR code and the key are shown with the form that confirms the first code.
 */
import { useActionState } from "react";
import type { FormAction } from "@/lib/http/result";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { MfaConfirmForm } from "./mfa-confirm-form";

type Secret = { secret: string; qrDataUrl: string };

export function MfaEnrolment(props: { home: string; required: boolean; start: FormAction<Secret>; confirm: FormAction<{ recoveryCodes: string[] }> }) {
  const [started, start, starting] = useActionState(props.start, null);
  const intro = `${props.required ? "Your role must use a one-time code to sign in. " : ""}`;
  if (!started?.ok) {
    return (
      <form action={start} className="mt-4 space-y-4 rounded-xl border border-slate-200 bg-white p-6">
        <p className="text-slate-700">
          {intro}You need an authenticator app on your phone (for example FreeOTP, Aegis or Google Authenticator). DermRelay will show a
          code to scan with it.
        </p>
        <FormStatus result={started} />
        <Button type="submit" disabled={starting}>
          {starting ? "Preparing…" : "Show my set-up code"}
        </Button>
      </form>
    );
  }
  const { secret, qrDataUrl } = started.data;
  return (
    <div className="mt-4 space-y-4 rounded-xl border border-slate-200 bg-white p-6">
      <p className="text-slate-700">
        {intro}Scan this code with your authenticator app, then enter the 6-digit code it shows.
      </p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL generated for this set-up */}
      <img src={qrDataUrl} alt="QR code for your authenticator app" width={220} height={220} className="mx-auto" />
      <p className="text-sm text-slate-600">
        Can&apos;t scan? Enter this key instead: <code className="break-all rounded bg-slate-100 px-1" data-testid="mfa-secret">{secret}</code>
      </p>
      <MfaConfirmForm home={props.home} confirm={props.confirm} />
    </div>
  );
}
