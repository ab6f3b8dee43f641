import { handlers } from "@/lib/auth/config";
import { signInRetryAfter } from "@/lib/auth/rate-limit";
import { json } from "@/lib/http/respond";
import { clientIp } from "@/lib/http/request-info";

export const { GET } = handlers;

/**
 * API clients posting credentials get a real 429 when throttled; the check itself (shared with the
 * sign-in page's server action) lives in lib/auth and also runs inside `authorize`.
 */
export async function POST(req: Request) {
  if (new URL(req.url).pathname.endsWith("/callback/credentials")) {
    const form = await req.clone().formData().catch(() => null);
    const email = String(form?.get("email") ?? "");
    const retryAfter = await signInRetryAfter(clientIp(req.headers), email, false);
    if (retryAfter > 0) {
      return json({ error: { code: "rate_limited", message: "Too many sign-in attempts; try again later" } }, 429, { "retry-after": String(retryAfter) });
    }
  }
  return handlers.POST(req as Parameters<typeof handlers.POST>[0]);
}
