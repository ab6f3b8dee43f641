/**
 * A small cache of decoded session cookies, keyed by the request's Cookie header. Reading the
 * Auth.js cookie out of the header and decoding it (key derivation plus JWE decryption) costs about
 * a millisecond on a miss, and a browser sends the same header on every request.
 * Only the decode is cached — whether the session is still valid is checked in the database on
 * every request (lib/auth/sessions.ts) — and entries never outlive the token's own expiry.
 */
const MAX_ENTRIES = 5_000;
const TTL_MS = 60_000;

type Entry = { sid: string | null; until: number };
const cache = new Map<string, Entry>();

/** The session id inside the cookie of header `key`, decoding with `decode` on a miss. */
export async function cachedSessionId(
  key: string,
  decode: () => Promise<{ sid?: unknown; exp?: unknown } | null>,
  now = Date.now(),
): Promise<string | null> {
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.sid;
  const payload = await decode();
  const sid = typeof payload?.sid === "string" ? payload.sid : null;
  const exp = typeof payload?.exp === "number" ? payload.exp * 1000 : now + TTL_MS;
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, { sid, until: Math.min(now + TTL_MS, exp) });
  return sid;
}
