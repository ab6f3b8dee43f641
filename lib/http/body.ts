/**
 * Reading request bodies and query strings at the boundary: media type checked (415), size capped
 * while reading (413), malformed JSON refused (400), content validated by zod (422 with fields).
 */
import type { z } from "zod";
import { BadRequest, PayloadTooLarge, UnsupportedMediaType } from "../errors";
import { parseOrThrow } from "../validation";

export const MAX_JSON_BYTES = 256 * 1024;

/** Read the body as text, refusing more than `limit` bytes without buffering past it. */
export async function readTextCapped(req: Request, limit: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw PayloadTooLarge(`Body exceeds ${limit} bytes`);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw PayloadTooLarge(`Body exceeds ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Parse a JSON body with `schema`. */
export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) throw UnsupportedMediaType("Send the body as application/json");
  const text = await readTextCapped(req, MAX_JSON_BYTES);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw BadRequest("Body is not valid JSON");
  }
  return parseOrThrow(schema, data);
}

/** Parse the query string with `schema` (single values; repeated keys keep the last). */
export function readQuery<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  const params = Object.fromEntries(new URL(req.url).searchParams.entries());
  return parseOrThrow(schema, params);
}
