"use server";
/** The public set-password action behind an invitation link (the link's token is the credential). */
import { headers } from "next/headers";
import { completeInvite } from "@/lib/identity/invites";
import { db } from "@/lib/db/client";
import { isDomainError } from "@/lib/errors";
import { clientIp, requestIdFrom } from "@/lib/http/request-info";
import { enforceRateLimit, RateLimitedError } from "@/lib/http/rate-limit";
import { logger } from "@/lib/log";

export type SetPasswordState = { done: boolean; message: string | null; fields: Record<string, string[]> };

export async function setPasswordAction(_prev: SetPasswordState, form: FormData): Promise<SetPasswordState> {
  const h = await headers();
  const ctx = { actor: null, requestId: requestIdFrom(h), ip: clientIp(h) };
  try {
    await enforceRateLimit("setPassword", { ip: ctx.ip });
    await completeInvite(db, ctx, {
      token: String(form.get("token") ?? ""),
      password: String(form.get("password") ?? ""),
      confirm: String(form.get("confirm") ?? ""),
    });
    return { done: true, message: "Your password is set. You can sign in now.", fields: {} };
  } catch (err) {
    if (err instanceof RateLimitedError) {
      return { done: false, message: `Too many attempts from this network. Try again in ${Math.ceil(err.retryAfterSeconds / 60)} minute(s).`, fields: {} };
    }
    if (isDomainError(err)) return { done: false, message: err.fields?.token?.[0] ?? "Check the fields marked below.", fields: err.fields ?? {} };
    logger.error({ err, requestId: ctx.requestId }, "set-password failed");
    return { done: false, message: "Something went wrong. Try again in a moment.", fields: {} };
  }
}
