/**
 * Secrets DermRelay keeps for SMART (an EHR client secret, a launch's tokens) are sealed with the
 * same envelope keys as photos (lib/storage/envelope.ts), each bound to a purpose and a row id so
 * a blob copied into another row or column does not open.
 */
import { env } from "../env";
import { createKeyring, decrypt, encrypt } from "../storage/envelope";

const masterKey = Buffer.from(env.DATA_ENCRYPTION_KEY, "base64");
const keyring = createKeyring(masterKey, env.DATA_ENCRYPTION_PREVIOUS_KEYS.map((k) => Buffer.from(k, "base64")));
const context = (purpose: string, id: string) => Buffer.from(`dermrelay-smart:${purpose}:${id}`);

/** Seal a string for the row `id` and the given purpose. */
export function seal(purpose: string, id: string, value: string): Buffer {
  return encrypt(Buffer.from(value, "utf8"), masterKey, context(purpose, id));
}

/** Open a blob made by {@link seal} with the same purpose and id; throws when anything differs. */
export function unseal(purpose: string, id: string, blob: Buffer): string {
  return decrypt(blob, keyring, context(purpose, id)).toString("utf8");
}
