"use server";
/** Sign-in and sign-out server actions for the Auth.js Credentials provider. */
import { AuthError } from "next-auth";
import { signIn, signOut, ThrottledSignin } from "@/lib/auth/config";

export type SignInState = { error: string | null; email: string };

const THROTTLED = "Too many sign-in attempts. Please wait a few minutes and try again.";
const GENERIC = "The email or password is not correct, or the account cannot sign in right now.";

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "").slice(0, 254);
  try {
    await signIn("credentials", { email, password: String(form.get("password") ?? ""), redirectTo: "/" });
  } catch (err) {
    if (err instanceof ThrottledSignin) return { error: THROTTLED, email };
    if (err instanceof AuthError) return { error: GENERIC, email };
    throw err; // the redirect after a successful sign-in
  }
  return { error: GENERIC, email };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in?signedOut=1" });
}
