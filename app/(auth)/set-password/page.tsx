import type { Metadata } from "next";
import Link from "next/link";
import { inspectInvite } from "@/lib/identity/invites";
import { db } from "@/lib/db/client";
import { SetPasswordForm } from "@/components/auth/set-password-form";
import { setPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function SetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const token = (await searchParams).token ?? "";
  const invite = await inspectInvite(db, token);
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <p className="mb-8 text-center text-3xl font-semibold tracking-tight text-brand-700">DermRelay</p>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-4 text-lg font-semibold">Set your password</h1>
          {invite ? (
            <>
              <p className="mb-4 text-sm text-slate-600">For {invite.email}. This link works once.</p>
              <SetPasswordForm token={token} email={invite.email} setPassword={setPasswordAction} />
            </>
          ) : (
            <div className="space-y-3 text-sm">
              <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
                This link is not valid any more: it has been used, has expired or was replaced by a newer one.
              </p>
              <p className="text-slate-600">Ask your DermRelay administrator to send you a new link, or <Link href="/sign-in" className="text-brand-700 underline">sign in</Link> if you already set a password.</p>
            </div>
          )}
        </div>
      </div>
    </main>
  );
}
