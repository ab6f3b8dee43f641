/**
 * Channel headers of a rest-hook Subscription usually carry the receiver's credentials, so each
 * value is sealed at rest with the envelope encryption photos and PACS headers use
 * (lib/storage/envelope.ts, bound to the header's name), opened only by the delivering worker, and
 * never echoed (`Name: ***` on read). Headers the sender sets itself are refused.
 */
import { env } from "../env";
import { createKeyring, decrypt, encrypt } from "../storage/envelope";

export type SealedHeader = { name: string; sealed: string };

const RESERVED = new Set(["content-type", "content-length", "transfer-encoding", "host", "connection", "accept", "expect", "upgrade", "te", "trailer", "keep-alive", "proxy-authorization", "cookie"]);
const LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}):\s?([^\r\n\0]{0,4096})$/;

const masterKey = () => Buffer.from(env.DATA_ENCRYPTION_KEY, "base64");
const context = (name: string) => Buffer.from(`dermrelay-fhir-subscription-header:${name.toLowerCase()}`);

/** `Name: value` → name and value, or a reason it cannot be used. */
export function parseHeaderLine(line: string): { name: string; value: string } | { error: string } {
  const m = LINE.exec(line);
  if (!m) return { error: "A header must be 'Name: value' on one line" };
  if (RESERVED.has(m[1]!.toLowerCase())) return { error: "DermRelay sets this header itself" };
  return { name: m[1]!, value: m[2]!.trim() };
}

export const sealHeader = (name: string, value: string): SealedHeader => ({
  name,
  sealed: encrypt(Buffer.from(value, "utf8"), masterKey(), context(name)).toString("base64"),
});

export function openHeader(h: SealedHeader): string {
  const keyring = createKeyring(masterKey(), env.DATA_ENCRYPTION_PREVIOUS_KEYS.map((k) => Buffer.from(k, "base64")));
  return decrypt(Buffer.from(h.sealed, "base64"), keyring, context(h.name)).toString("utf8");
}
