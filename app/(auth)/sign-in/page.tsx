import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { PENDING_COOKIE } from "@/lib/smart/continue";
import { currentActor, HOME_BY_ROLE } from "@/lib/auth/page";
import { SignInForm } from "@/components/auth/sign-in-form";
import { ForgetDevice } from "@/components/offline/forget-device";
import { signInAction } from "@/app/actions/auth";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await currentActor();
  const smartPending = (await cookies()).has(PENDING_COOKIE);
  if (actor) redirect(smartPending ? "/smart/continue" : HOME_BY_ROLE[actor.role]);
  const params = await searchParams;
  const notice = smartPending
    ? "Sign in to DermRelay once to link your EHR account. Next time the EHR opens DermRelay directly."
    : params.signedOut
    ? "You have signed out."
    : params.idle
      ? "You were signed out after 15 minutes without activity."
      : null;
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="text-3xl font-semibold tracking-tight text-brand-700">DermRelay</p>
          <p className="mt-2 text-sm text-slate-600">Teledermatology referrals for clinics and dermatologists</p>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
          {notice && (
            <p role="status" className="mb-4 rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-800">
              {notice}
            </p>
          )}
          <SignInForm signIn={signInAction} />
          <ForgetDevice />
        </div>
        <p className="mt-6 text-center text-xs text-slate-500">
          Protected health information. Access is logged and audited.
        </p>
      </div>
    </main>
  );
}
