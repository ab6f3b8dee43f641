/**
 * SHA-256 of a text, as hex: how a secret (an invitation or API token, a launch binding, a search
 * handle, a credential) is named in the database or Redis without being kept.
 */
import { createHash } from "node:crypto";

export const sha256Hex = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");
