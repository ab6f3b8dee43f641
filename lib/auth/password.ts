/** Password hashing with argon2id (OWASP parameters); verification is constant-time in argon2. */
import argon2 from "argon2";

const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hash a password for storage. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

// A real hash to verify against when the account does not exist, so timing does not reveal it.
let dummyHash: Promise<string> | null = null;

/** Verify `password` against `hash`; with no hash, burn the same time and return false. */
export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= hashPassword("dermrelay-timing-equaliser");
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}
