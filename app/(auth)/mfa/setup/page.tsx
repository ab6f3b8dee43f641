import type { Metadata } from "next";
import Link from "next/link";
import { requirePageContext, HOME_BY_ROLE } from "@/lib/auth/page";
import { mfaStatus } from "@/lib/auth/mfa";
import { db } from "@/lib/db/client";
import { MfaEnrolment } from "@/components/auth/mfa-enrolment";
import { confirmMfaAction, startMfaAction } from "@/app/actions/mfa";

export const metadata: Metadata = { title: "Two-factor sign-in" };

/** Reads only: the enrolment secret is created by an action when the user asks for it. */
export default async function MfaSetupPage() {
  const ctx = await requirePageContext(undefined, { duringMfaSetup: true });
  const { enabled } = await mfaStatus(db, ctx);
  const home = HOME_BY_ROLE[ctx.actor.role];
  return (
    <main className="mx-auto max-w-lg px-4 py-12">
      <h1 className="text-2xl font-semibold">Two-factor sign-in</h1>
      {enabled ? (
        <p className="mt-4">
          Two-factor sign-in is on for your account.{" "}
          <Link className="text-brand-700 underline" href={home}>
            Continue
          </Link>
        </p>
      ) : (
        <MfaEnrolment home={home} required={Boolean(ctx.actor.mfaSetupRequired)} start={startMfaAction} confirm={confirmMfaAction} />
      )}
    </main>
  );
}
