"use server";
/** Sign-in and sign-out: server actions over lib/endpoints/auth.ts. */
import { signInEndpoint, signOutEndpoint } from "@/lib/endpoints/auth";
import { serverAction } from "@/lib/http/action";

const signIn = serverAction(signInEndpoint, {
  input: (f) => ({ email: String(f.get("email") ?? "").slice(0, 254), password: String(f.get("password") ?? ""), code: f.has("code") ? String(f.get("code")) : undefined }),
});
const signOut = serverAction(signOutEndpoint, { input: (f) => ({ reason: f.get("reason") ?? undefined }) });

export async function signInAction(...args: Parameters<typeof signIn>) {
  return signIn(...args);
}

/** As a form action (the sign-out button) or called with no form; `idle` for the idle timeout. */
export async function signOutAction(form?: FormData | "idle"): Promise<void> {
  const f = form instanceof FormData ? form : new FormData();
  if (form === "idle") f.set("reason", "idle");
  await signOut(null, f);
}
