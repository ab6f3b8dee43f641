/**
 * The rule for URLs DermRelay's server itself calls for SMART (an EHR's FHIR base, a client's
 * JWKS): https only, no credentials or fragment; plain http is accepted only for a loopback host
 * outside production, which is how the test EHR runs. Callers add their own allow-list on top.
 */
import { z } from "zod";
import { env } from "../env";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** True when `url` is an address DermRelay may call (see the header). */
export function isCallableUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password || url.hash) return false;
  if (url.protocol === "https:") return true;
  return url.protocol === "http:" && (env.NODE_ENV !== "production" || env.SMART_ALLOW_HTTP_LOOPBACK) && LOOPBACK.has(url.hostname);
}

/** Loopback over plain http: oauth4webapi must be told it may use it (never in production). */
export const isInsecureLoopback = (raw: string) => new URL(raw).protocol === "http:" && isCallableUrl(raw);

/** A callable base URL, normalised without a trailing slash. */
export const callableBaseUrl = z
  .string()
  .trim()
  .max(500)
  .refine(isCallableUrl, "Use an https address (plain http only for a loopback test server)")
  .transform((v) => v.replace(/\/+$/, ""));
