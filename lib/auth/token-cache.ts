/**
 * A small cache of decoded session cookies. Decoding an Auth.js cookie (key derivation plus JWE
 * decryption) costs about a millisecond, and a browser sends the same cookie on every request.
 * Only the decode is cached — whether the session is still valid is checked in the database on
 * every request (lib/auth/sessions.ts) — and entries never outlive the token's own expiry.
 */
const MAX_ENTRIES = 5_000;
const TTL_MS = 60_000;

type Entry = { sid: string | null; until: number };
const cache = new Map<string, Entry>();

/** The session id inside `token`, decoding with `decode` on a miss. */
export async function cachedSessionId(
  token: string,
  decode: () => Promise<{ sid?: unknown; exp?: unknown } | null>,
  now = Date.now(),
): Promise<string | null> {
  const hit = cache.get(token);
  if (hit && hit.until > now) return hit.sid;
  const payload = await decode();
  const sid = typeof payload?.sid === "string" ? payload.sid : null;
  const exp = typeof payload?.exp === "number" ? payload.exp * 1000 : now + TTL_MS;
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(token, { sid, until: Math.min(now + TTL_MS, exp) });
  return sid;
}
