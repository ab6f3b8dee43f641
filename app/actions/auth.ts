"use server";
/** Sign-in and sign-out server actions for the Auth.js Credentials provider. */
import { AuthError } from "next-auth";
import { cookies } from "next/headers";
import { PENDING_COOKIE } from "@/lib/smart/continue";
import { CodeRequiredSignin, signIn, signOut, ThrottledSignin } from "@/lib/auth/config";

/** `navigate`: a full-page navigation the form makes after sign-in (a route handler, which the client router cannot render). */
export type SignInState = { error: string | null; email: string; needCode: boolean; navigate?: string };

const THROTTLED = "Too many sign-in attempts. Please wait a few minutes and try again.";
const GENERIC = "The email or password is not correct, or the account cannot sign in right now.";

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "").slice(0, 254);
  try {
    const code = String(form.get("code") ?? "").trim();
    const credentials = { email, password: String(form.get("password") ?? ""), ...(code ? { code } : {}) };
    // A SMART launch waiting for this sign-in continues at a fixed path (no open redirect). It is
    // a route handler, so the browser must load it itself rather than through the client router.
    if ((await cookies()).has(PENDING_COOKIE)) {
      await signIn("credentials", { ...credentials, redirect: false });
      return { error: null, email, needCode: false, navigate: "/smart/continue" };
    }
    await signIn("credentials", { ...credentials, redirectTo: "/" });
  } catch (err) {
    const needCode = form.has("code");
    if (err instanceof ThrottledSignin) return { error: THROTTLED, email, needCode };
    if (err instanceof CodeRequiredSignin) return { error: null, email, needCode: true };
    if (err instanceof AuthError) return { error: GENERIC, email, needCode };
    throw err; // the redirect after a successful sign-in
  }
  return { error: GENERIC, email, needCode: false };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in?signedOut=1" });
}
