import type { Metadata } from "next";
import Link from "next/link";
import { eq } from "drizzle-orm";
import { requirePageContext, HOME_BY_ROLE } from "@/lib/auth/page";
import { startMfaEnrolment } from "@/lib/auth/mfa";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { MfaConfirmForm } from "@/components/auth/mfa-confirm-form";

export const metadata: Metadata = { title: "Two-factor sign-in" };

export default async function MfaSetupPage() {
  const ctx = await requirePageContext(undefined, { duringMfaSetup: true });
  const [user] = await db.select({ enabled: users.mfaEnabledAt }).from(users).where(eq(users.id, ctx.actor.id));
  const home = HOME_BY_ROLE[ctx.actor.role];
  return (
    <main className="mx-auto max-w-lg px-4 py-12">
      <h1 className="text-2xl font-semibold">Two-factor sign-in</h1>
      {user?.enabled ? (
        <p className="mt-4">
          Two-factor sign-in is on for your account.{" "}
          <Link className="text-brand-700 underline" href={home}>
            Continue
          </Link>
        </p>
      ) : (
        <Enrolment home={home} required={Boolean(ctx.actor.mfaSetupRequired)} secret={await startMfaEnrolment(db, ctx)} />
      )}
    </main>
  );
}

function Enrolment({ secret, home, required }: { secret: { secret: string; qrDataUrl: string }; home: string; required: boolean }) {
  return (
    <div className="mt-4 space-y-4 rounded-xl border border-slate-200 bg-white p-6">
      <p className="text-slate-700">
        {required ? "Your role must use a one-time code to sign in. " : ""}Scan this code with an authenticator app (for example
        FreeOTP, Aegis or Google Authenticator), then enter the 6-digit code it shows.
      </p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL generated per request */}
      <img src={secret.qrDataUrl} alt="QR code for your authenticator app" width={220} height={220} className="mx-auto" />
      <p className="text-sm text-slate-600">
        Can&apos;t scan? Enter this key instead: <code className="break-all rounded bg-slate-100 px-1" data-testid="mfa-secret">{secret.secret}</code>
      </p>
      <MfaConfirmForm home={home} />
    </div>
  );
}
