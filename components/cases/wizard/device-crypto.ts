/**
 * Encryption of photos kept on the device while offline (SPEC §16): AES-256-GCM under a Web Crypto
 * key created with `extractable: false`, so script on the page can use the key but never read its
 * bytes, and a copy of the IndexedDB files alone does not reveal a photo. Each sealed blob is bound
 * (GCM additional data) to its record id, user and case, so records cannot be swapped between users
 * or drafts without failing to open. Works wherever Web Crypto does (browsers, Node ≥ 20 for tests).
 */

export type Sealed = { iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer };

/** A fresh device key: AES-GCM 256, usable for encrypt/decrypt only, never exportable. */
export function newDeviceKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
}

/** What a sealed blob is bound to: opening it under another record, user or case fails. */
export function boundTo(record: { id: string; userId: string; caseId: string }, part: "meta" | "body"): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`dermrelay-offline-photo/v1|${part}|${record.id}|${record.userId}|${record.caseId}`);
}

export async function seal(key: CryptoKey, plain: ArrayBuffer | Uint8Array<ArrayBuffer>, additionalData: Uint8Array<ArrayBuffer>): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData }, key, plain);
  return { iv, data };
}

/** The plain bytes; rejects when the key, the binding or the bytes are not the ones sealed. */
export function open(key: CryptoKey, sealed: Sealed, additionalData: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer> {
  return crypto.subtle.decrypt({ name: "AES-GCM", iv: sealed.iv, additionalData }, key, sealed.data);
}

export async function sealJson(key: CryptoKey, value: unknown, additionalData: Uint8Array<ArrayBuffer>): Promise<Sealed> {
  return seal(key, new TextEncoder().encode(JSON.stringify(value)), additionalData);
}

export async function openJson<T>(key: CryptoKey, sealed: Sealed, additionalData: Uint8Array<ArrayBuffer>): Promise<T> {
  return JSON.parse(new TextDecoder().decode(await open(key, sealed, additionalData))) as T;
}
