/**
 * Which requests no person asked for (SPEC §9 "automatic logoff that holds"). Requests the browser
 * makes on its own — notification polling, claim heartbeats, router prefetches, the idle timer's
 * own status checks — carry `x-dermrelay-background: 1` (or the browser's prefetch markers) and
 * never extend a session. No imports: the browser code that sets the header shares this file.
 */

/** The header a client sets on requests no person asked for. */
export const BACKGROUND_HEADER = "x-dermrelay-background";

/** Headers to spread into a `fetch` that runs on a timer. */
export const BACKGROUND_HEADERS: Readonly<Record<string, string>> = { [BACKGROUND_HEADER]: "1" };

/** How long before the logoff the browser warns (SPEC §9: a minute). */
export const IDLE_WARNING_MS = 60 * 1000;

/**
 * True when nobody asked for this request: our background marker, a Next.js router prefetch, or a
 * browser speculative load (`Sec-Purpose: prefetch`, legacy `Purpose: prefetch`), or a request
 * another site started. `appOrigin` (when given) also treats a foreign `Origin` as not ours.
 */
export function isBackgroundRequest(headers: Headers, appOrigin?: string): boolean {
  const origin = headers.get("origin");
  if (appOrigin && origin && origin !== appOrigin) return true;
  if (headers.get(BACKGROUND_HEADER) === "1") return true;
  // Another site's page made this request, not our user: it must not keep their session alive.
  if (headers.get("sec-fetch-site") === "cross-site") return true;
  if (headers.get("next-router-prefetch")) return true;
  return /prefetch|prerender/i.test(headers.get("sec-purpose") ?? headers.get("purpose") ?? "");
}
