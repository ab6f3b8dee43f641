/**
 * The key that signs audit chain anchors: an Ed25519 key pair from the 32-byte seed in
 * AUDIT_ANCHOR_KEY. Ed25519 rather than an HMAC, so a verifier (an auditor with a copy of the
 * anchors) needs only the public key, which the anchor names by fingerprint.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { env } from "../env";

// DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows it (RFC 8410).
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

function keyPair(seedBase64: string): { privateKey: KeyObject; publicKey: KeyObject; keyId: string } {
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(seedBase64, "base64")]), format: "der", type: "pkcs8" });
  const publicKey = createPublicKey(privateKey);
  const keyId = createHash("sha256").update(publicKey.export({ format: "der", type: "spki" })).digest("hex").slice(0, 16);
  return { privateKey, publicKey, keyId };
}

let cached: ReturnType<typeof keyPair> | null = null;
const current = () => (cached ??= keyPair(env.AUDIT_ANCHOR_KEY));

/** Fingerprint of the signing key's public half (first 16 hex of SHA-256 of its SPKI). */
export const anchorKeyId = (): string => current().keyId;

/** Sign `payload` (the canonical anchor text); base64 signature. */
export function signAnchor(payload: string): string {
  return sign(null, Buffer.from(payload, "utf8"), current().privateKey).toString("base64");
}

/** True when `signature` is this key's signature of `payload`. */
export function verifyAnchorSignature(payload: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(payload, "utf8"), current().publicKey, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}
