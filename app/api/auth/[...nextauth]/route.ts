import { handlers } from "@/lib/auth/config";
import { signInRetryAfter } from "@/lib/auth/rate-limit";
import { json } from "@/lib/http/respond";
import { clientIp } from "@/lib/http/request-info";
import { enforceRateLimit, RateLimitedError, rateLimitedResponse } from "@/lib/http/rate-limit";

/** Every Auth.js request draws from the per-address `auth` bucket (lib/http/rate-limit.ts). */
async function limited(req: Request): Promise<Response | null> {
  try {
    await enforceRateLimit("auth", { ip: clientIp(req.headers) });
    return null;
  } catch (err) {
    if (err instanceof RateLimitedError) return rateLimitedResponse(err);
    throw err;
  }
}

export async function GET(req: Request) {
  return (await limited(req)) ?? handlers.GET(req as Parameters<typeof handlers.GET>[0]);
}

/**
 * API clients posting credentials get a real 429 when throttled; the check itself (shared with the
 * sign-in page's server action) lives in lib/auth and also runs inside `authorize`.
 */
export async function POST(req: Request) {
  const refused = await limited(req);
  if (refused) return refused;
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
