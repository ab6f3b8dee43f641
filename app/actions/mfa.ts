"use server";
/** Two-factor set-up: confirm the first code, receive recovery codes once. */
import { requirePageContext } from "@/lib/auth/page";
import { confirmMfaEnrolment } from "@/lib/auth/mfa";
import { db } from "@/lib/db/client";
import { isDomainError } from "@/lib/errors";

export type MfaConfirmState = { error: string | null; recoveryCodes: string[] | null };

export async function confirmMfaAction(_prev: MfaConfirmState, form: FormData): Promise<MfaConfirmState> {
  const ctx = await requirePageContext(undefined, { duringMfaSetup: true });
  try {
    return { error: null, recoveryCodes: await confirmMfaEnrolment(db, ctx, form.get("code")) };
  } catch (err) {
    if (isDomainError(err)) return { error: err.fields?.code?.[0] ?? err.message, recoveryCodes: null };
    throw err;
  }
}
