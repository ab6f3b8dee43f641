/**
 * Endpoints of signing in and out, two-factor set-up and the invitation's set-password step. They
 * are carried by server actions (app/actions/*, app/(auth)/set-password/actions.ts). Auth.js
 * reports a refused sign-in by throwing its own error classes; here they become DomainErrors with
 * a code, so the one Result mapper applies. A successful sign-in or sign-out answers with a
 * redirect, which the action adapter lets through.
 */
import { AuthError } from "next-auth";
import { cookies } from "next/headers";
import { z } from "zod";
import { CodeRequiredSignin, signIn, signOut, ThrottledSignin } from "../auth/config";
import { confirmMfaEnrolment, startMfaEnrolment } from "../auth/mfa";
import { RateLimited, Unauthenticated } from "../errors";
import { defineEndpoint } from "../http/endpoint";
import { completeInvite } from "../identity/invites";
import { PENDING_COOKIE } from "../smart/continue";

const THROTTLED = "Too many sign-in attempts. Please wait a few minutes and try again.";
const GENERIC = "The email or password is not correct, or the account cannot sign in right now.";

/**
 * `{ needCode: true }` when the password was right and the one-time code is owed next;
 * `{ navigate }` when a SMART launch waits for this sign-in: it continues at a fixed path (no open
 * redirect), a route handler the browser must load itself rather than through the client router.
 */
export const signInEndpoint = defineEndpoint({
  name: "auth.signIn",
  roles: "public",
  input: z.object({ email: z.string().max(254), password: z.string(), code: z.string().trim().optional() }),
  run: async (_db, _ctx, { email, password, code }): Promise<{ needCode: true } | { navigate: string }> => {
    try {
      if ((await cookies()).has(PENDING_COOKIE)) {
        await signIn("credentials", { email, password, ...(code ? { code } : {}), redirect: false });
        return { navigate: "/smart/continue" };
      }
      await signIn("credentials", { email, password, ...(code ? { code } : {}), redirectTo: "/" });
    } catch (err) {
      if (err instanceof ThrottledSignin) throw RateLimited(THROTTLED);
      if (err instanceof CodeRequiredSignin) return { needCode: true };
      if (err instanceof AuthError) throw Unauthenticated(GENERIC);
      throw err; // the redirect after a successful sign-in
    }
    throw Unauthenticated(GENERIC);
  },
});

/** Ends this session and redirects to the sign-in page. */
export const signOutEndpoint = defineEndpoint({
  name: "auth.signOut",
  roles: "public",
  input: z.object({ reason: z.enum(["idle"]).optional() }),
  run: async (_db, _ctx, { reason }): Promise<never> => {
    await signOut({ redirectTo: reason === "idle" ? "/sign-in?idle=1" : "/sign-in?signedOut=1" });
    throw new Error("sign-out did not redirect");
  },
});

/** A new pending secret (a POST, never a render: each call rotates the secret). */
export const startMfaEndpoint = defineEndpoint({
  name: "auth.mfa.start",
  roles: "any",
  duringMfaSetup: true,
  input: z.unknown(),
  run: async (db, ctx) => {
    const { secret, qrDataUrl } = await startMfaEnrolment(db, ctx);
    return { secret, qrDataUrl };
  },
});

/** The first code confirms set-up; answers the recovery codes, shown this once. */
export const confirmMfaEndpoint = defineEndpoint({
  name: "auth.mfa.confirm",
  roles: "any",
  duringMfaSetup: true,
  input: z.object({ code: z.unknown() }),
  run: async (db, ctx, { code }) => ({ recoveryCodes: await confirmMfaEnrolment(db, ctx, code) }),
});

/** The invitation link's token is the credential; tightly rate-limited per address. */
export const setPasswordEndpoint = defineEndpoint({
  name: "auth.setPassword",
  roles: "public",
  limit: "setPassword",
  input: z.unknown(),
  run: (db, ctx, body) => completeInvite(db, ctx, body),
});
