/** Opaque keyset cursors: base64url JSON of the last row's sort key. A bad cursor is a 400. */
import { BadRequest } from "../errors";

export function encodeCursor(values: (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

export function decodeCursor(cursor: string | undefined, arity: number): (string | number | null)[] | null {
  if (!cursor) return null;
  try {
    const values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(values) && values.length === arity) return values;
  } catch {
    // fall through
  }
  throw BadRequest("Invalid cursor");
}
