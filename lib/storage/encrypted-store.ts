/**
 * What the rest of the app uses to keep photos: an ObjectStore wrapped in envelope encryption
 * (envelope.ts), so no driver ever sees a readable image. Each blob is bound to its object key,
 * so a blob moved or copied under another key (another patient's photo) refuses to decrypt
 * rather than showing the wrong image.
 */
import { createKeyring, decrypt, encrypt, keyIdFor, readKeyId } from "./envelope";
import type { ObjectStore } from "./types";

/** Encrypting facade over an {@link ObjectStore}. */
export interface EncryptedStore {
  /** Id of the master key new objects are sealed with; record it next to the object. */
  readonly keyId: string;
  /** Encrypt and store; returns the master key id used (for the rotation record). */
  putObject(key: string, plaintext: Buffer): Promise<{ keyId: string }>;
  /** Fetch and decrypt. @throws DomainError `not_found` when missing; EnvelopeError when tampered. */
  getObject(key: string): Promise<Buffer>;
  deleteObject(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /**
   * Re-seal an object under the current master key if it was sealed with a retired one.
   * @returns whether the object was rewritten
   */
  rewrapObject(key: string): Promise<boolean>;
}

function contextFor(key: string): Buffer {
  return Buffer.from(`dermrelay-object:${key}`, "utf8");
}

/**
 * Wrap `inner` so every object is encrypted at rest.
 *
 * @param masterKey current 32-byte master key (from `DATA_ENCRYPTION_KEY`)
 * @param previousKeys retired master keys still needed to read older objects
 */
export function createEncryptedStore(
  inner: ObjectStore,
  masterKey: Buffer,
  previousKeys: readonly Buffer[] = [],
): EncryptedStore {
  const keyring = createKeyring(masterKey, previousKeys);
  const keyId = keyIdFor(masterKey);

  const putObject = async (key: string, plaintext: Buffer) => {
    await inner.put(key, encrypt(plaintext, masterKey, contextFor(key)));
    return { keyId };
  };

  return {
    keyId,
    putObject,
    async getObject(key) {
      return decrypt(await inner.get(key), keyring, contextFor(key));
    },
    deleteObject: (key) => inner.delete(key),
    exists: (key) => inner.exists(key),
    async rewrapObject(key) {
      const blob = await inner.get(key);
      if (readKeyId(blob) === keyId) return false;
      await putObject(key, decrypt(blob, keyring, contextFor(key)));
      return true;
    },
  };
}
