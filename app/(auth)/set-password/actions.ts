"use server";
/** The public set-password action behind an invitation link (the link's token is the credential). */
import { setPasswordEndpoint } from "@/lib/endpoints/auth";
import { serverAction } from "@/lib/http/action";

const setPassword = serverAction(setPasswordEndpoint, {
  input: (f) => ({ token: String(f.get("token") ?? ""), password: String(f.get("password") ?? ""), confirm: String(f.get("confirm") ?? "") }),
});

export async function setPasswordAction(...args: Parameters<typeof setPassword>) {
  return setPassword(...args);
}
