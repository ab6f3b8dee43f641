"use server";
/** Two-factor set-up: start it (a new secret, on request only), then confirm the first code. */
import { confirmMfaEndpoint, startMfaEndpoint } from "@/lib/endpoints/auth";
import { serverAction } from "@/lib/http/action";

const start = serverAction(startMfaEndpoint, { input: () => undefined });
const confirm = serverAction(confirmMfaEndpoint, { input: (f) => ({ code: f.get("code") }) });

export async function startMfaAction(...args: Parameters<typeof start>) {
  return start(...args);
}

export async function confirmMfaAction(...args: Parameters<typeof confirm>) {
  return confirm(...args);
}
