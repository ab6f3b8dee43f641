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

/** The JSON body, unvalidated: 415 unless JSON, 413 past the cap, 400 when malformed. */
export async function readJsonBody(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) throw UnsupportedMediaType("Send the body as application/json");
  const text = await readTextCapped(req, MAX_JSON_BYTES);
  try {
    return JSON.parse(text);
  } catch {
    throw BadRequest("Body is not valid JSON");
  }
}

/** Parse a JSON body with `schema`. */
export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  return parseOrThrow(schema, await readJsonBody(req));
}

/** The query string as an object of single values (repeated keys keep the last). */
export function queryObject(req: Request): Record<string, string> {
  const url = req.url;
  const q = url.indexOf("?");
  if (q < 0) return {};
  const hash = url.indexOf("#", q);
  return Object.fromEntries(new URLSearchParams(url.slice(q + 1, hash < 0 ? undefined : hash)).entries());
}

/** Parse the query string with `schema` (single values; repeated keys keep the last). */
export function readQuery<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  return parseOrThrow(schema, queryObject(req));
}
