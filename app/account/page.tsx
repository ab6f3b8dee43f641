import type { Metadata } from "next";
import Link from "next/link";
import { requirePageContext } from "@/lib/auth/page";
import { mfaStatus } from "@/lib/auth/mfa";
import { db } from "@/lib/db/client";
import { PasswordForm } from "@/components/account/password-form";
import { SignOutEverywhere } from "@/components/account/sign-out-everywhere";

export const metadata: Metadata = { title: "Account and security" };

export default async function AccountPage() {
  const mfa = await mfaStatus(db, await requirePageContext());
  return (
    <div className="max-w-xl space-y-8">
      <h1 className="text-2xl font-semibold">Account and security</h1>
      <section aria-labelledby="mfa-h" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="mfa-h" className="font-semibold">Two-factor sign-in</h2>
        {mfa.enabledSince ? (
          <p className="mt-2 text-sm text-slate-700">On since {mfa.enabledSince.slice(0, 10)}.</p>
        ) : (
          <p className="mt-2 text-sm text-slate-700">
            Off{mfa.required ? " — required for your role" : ""}.{" "}
            <Link href="/mfa/setup" className="text-brand-700 underline">
              Set up two-factor sign-in
            </Link>
          </p>
        )}
      </section>
      <section aria-labelledby="pw-h" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="pw-h" className="font-semibold">Change password</h2>
        <p className="mt-1 text-sm text-slate-600">Changing it signs you out on every device.</p>
        <PasswordForm />
      </section>
      <section aria-labelledby="so-h" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="so-h" className="font-semibold">Sessions</h2>
        <p className="mt-1 text-sm text-slate-600">Lost a device or used a shared computer? End every session, this one included.</p>
        <SignOutEverywhere />
      </section>
    </div>
  );
}
