/**
 * AES-256-GCM envelope encryption for photos at rest (SPEC §4.2). Each object gets its own random
 * data key; the data key is wrapped by the master key from the environment, and the id of that
 * master key travels in the blob so old objects still open after the master key is rotated.
 *
 * Blob layout ("DRE1", all lengths fixed, 108 bytes of overhead):
 *
 * | offset | bytes | field                                                  |
 * |--------|-------|--------------------------------------------------------|
 * | 0      | 4     | magic `DRE1`                                           |
 * | 4      | 16    | master key id, ASCII hex ({@link keyIdFor})            |
 * | 20     | 12    | IV of the key wrap                                     |
 * | 32     | 16    | GCM tag of the key wrap                                |
 * | 48     | 32    | wrapped data key                                       |
 * | 80     | 12    | IV of the body                                         |
 * | 92     | 16    | GCM tag of the body                                    |
 * | 108    | n     | ciphertext                                             |
 *
 * The key wrap authenticates bytes 0–20 (magic and key id); the body authenticates bytes 0–80
 * plus an optional caller context (encrypted-store.ts passes the object key, so a blob copied
 * under another key does not decrypt). Any change to any byte makes decryption throw.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

export const ENVELOPE_MAGIC = "DRE1";
const KEY_ID_LENGTH = 16;
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
const KEY_LENGTH = 32;

const O_KEY_ID = 4;
const O_WRAP_IV = O_KEY_ID + KEY_ID_LENGTH; // 20
const O_WRAP_TAG = O_WRAP_IV + IV_LENGTH; // 32
const O_WRAPPED = O_WRAP_TAG + TAG_LENGTH; // 48
const O_IV = O_WRAPPED + KEY_LENGTH; // 80
const O_TAG = O_IV + IV_LENGTH; // 92
const O_BODY = O_TAG + TAG_LENGTH; // 108

/** Bytes an envelope adds to the plaintext. */
export const ENVELOPE_OVERHEAD = O_BODY;

/** A blob that is not an envelope, names an unknown key, or fails authentication. Never client-facing. */
export class EnvelopeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EnvelopeError";
  }
}

function assertMasterKey(key: Buffer): void {
  if (key.length !== KEY_LENGTH) throw new EnvelopeError(`A master key must be ${KEY_LENGTH} bytes`);
}

/** Identifier of a master key: the first 16 hex characters of its SHA-256. */
export function keyIdFor(masterKey: Buffer): string {
  assertMasterKey(masterKey);
  return createHash("sha256").update(masterKey).digest("hex").slice(0, KEY_ID_LENGTH);
}

/** A keyring for {@link decrypt}: the current master key first, then any retired ones. */
export function createKeyring(current: Buffer, previous: readonly Buffer[] = []): Map<string, Buffer> {
  const ring = new Map<string, Buffer>();
  for (const key of [current, ...previous]) ring.set(keyIdFor(key), key);
  return ring;
}

function gcmEncrypt(key: Buffer, iv: Buffer, aad: Buffer, plaintext: Buffer): { body: Buffer; tag: Buffer } {
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_LENGTH });
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { body, tag: cipher.getAuthTag() };
}

function gcmDecrypt(key: Buffer, iv: Buffer, tag: Buffer, aad: Buffer, ciphertext: Buffer): Buffer {
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_LENGTH });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

/**
 * Encrypt `plaintext` under a fresh data key wrapped by `masterKey`.
 *
 * @param context optional bytes the blob is bound to (not stored); pass the same to {@link decrypt}
 * @returns a self-describing "DRE1" blob
 */
export function encrypt(plaintext: Buffer, masterKey: Buffer, context: Uint8Array = new Uint8Array()): Buffer {
  const keyId = keyIdFor(masterKey);
  const dataKey = randomBytes(KEY_LENGTH);
  try {
    const header = Buffer.alloc(O_BODY);
    header.write(ENVELOPE_MAGIC, 0, "ascii");
    header.write(keyId, O_KEY_ID, "ascii");
    const wrapIv = randomBytes(IV_LENGTH);
    const wrapped = gcmEncrypt(masterKey, wrapIv, header.subarray(0, O_WRAP_IV), dataKey);
    wrapIv.copy(header, O_WRAP_IV);
    wrapped.tag.copy(header, O_WRAP_TAG);
    wrapped.body.copy(header, O_WRAPPED);
    const iv = randomBytes(IV_LENGTH);
    const aad = Buffer.concat([header.subarray(0, O_IV), context]);
    const sealed = gcmEncrypt(dataKey, iv, aad, plaintext);
    iv.copy(header, O_IV);
    sealed.tag.copy(header, O_TAG);
    return Buffer.concat([header, sealed.body]);
  } finally {
    dataKey.fill(0);
  }
}

/** The master key id a blob was sealed with (e.g. to find objects still on a retired key). */
export function readKeyId(blob: Buffer): string {
  if (blob.length < O_BODY || blob.toString("ascii", 0, O_KEY_ID) !== ENVELOPE_MAGIC) {
    throw new EnvelopeError("Not an encrypted object");
  }
  return blob.toString("ascii", O_KEY_ID, O_WRAP_IV);
}

/**
 * Open a blob made by {@link encrypt}, choosing the master key by the id stored in it.
 *
 * @param keyring master keys by {@link keyIdFor} id (see {@link createKeyring})
 * @param context the bytes given to {@link encrypt}, if any
 * @throws EnvelopeError when the blob is malformed, its key is not in the keyring, or any byte
 *   was changed
 */
export function decrypt(blob: Buffer, keyring: Map<string, Buffer>, context: Uint8Array = new Uint8Array()): Buffer {
  const keyId = readKeyId(blob);
  const masterKey = keyring.get(keyId);
  if (!masterKey) throw new EnvelopeError(`No master key with id ${keyId} in the keyring`);
  let dataKey: Buffer | undefined;
  try {
    dataKey = gcmDecrypt(
      masterKey,
      blob.subarray(O_WRAP_IV, O_WRAP_TAG),
      blob.subarray(O_WRAP_TAG, O_WRAPPED),
      blob.subarray(0, O_WRAP_IV),
      blob.subarray(O_WRAPPED, O_IV),
    );
    return gcmDecrypt(
      dataKey,
      blob.subarray(O_IV, O_TAG),
      blob.subarray(O_TAG, O_BODY),
      Buffer.concat([blob.subarray(0, O_IV), context]),
      blob.subarray(O_BODY),
    );
  } catch (cause) {
    throw new EnvelopeError("Encrypted object failed authentication", { cause });
  } finally {
    dataKey?.fill(0);
  }
}
