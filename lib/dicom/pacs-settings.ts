/**
 * The PACS endpoint (`GET/PUT /api/v1/settings/pacs`, SPEC §14): `{stowUrl, headers?, sendOn}`,
 * kept in `settings` under "pacs". Header values may be credentials (`Authorization: Basic …`),
 * so each is sealed with the envelope encryption photos use (lib/storage/envelope.ts), bound to
 * its header name, and never returned in full: reads show the last four characters at most.
 *
 * PUT replaces the URL and `sendOn`; `headers` omitted keeps the stored headers as they are,
 * `headers: {}` removes them, any other object replaces them all. `stowUrl: null` disables
 * sending (automatic and manual).
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, Db } from "../db/client";
import { settings } from "../db/schema";
import type { RequestContext } from "../auth/actor";
import { audit } from "../audit/record";
import { requireAdmin } from "../auth/guard";
import { env } from "../env";
import { createKeyring, decrypt, encrypt } from "../storage/envelope";
import { parseOrThrow } from "../validation";
import { stowUrlSchema } from "./pacs-target";

export const PACS_SETTINGS_KEY = "pacs";
export const PACS_SEND_ON = ["answered", "submitted", "manual"] as const;
export type PacsSendOn = (typeof PACS_SEND_ON)[number];

/** Headers the sender sets itself, or that would change how the request travels. */
const RESERVED_HEADERS = new Set(["content-type", "content-length", "transfer-encoding", "host", "connection", "accept", "expect", "upgrade", "te", "trailer", "keep-alive", "proxy-authorization", "cookie"]);

const headerName = z
  .string()
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/, "Header names are letters, digits and - (at most 64)")
  .refine((n) => !RESERVED_HEADERS.has(n.toLowerCase()), "DermRelay sets this header itself");
const headerValue = z
  .string("Header values must be text")
  .max(4096, "Header values are at most 4096 characters")
  .refine((v) => !/[\r\n\0]/.test(v), "Header values are one line");

export const pacsSettingsInput = z.strictObject({
  stowUrl: stowUrlSchema.nullable(),
  headers: z
    .record(headerName, headerValue)
    .refine((h) => Object.keys(h).length <= 10, "At most 10 headers")
    .refine((h) => new Set(Object.keys(h).map((k) => k.toLowerCase())).size === Object.keys(h).length, "Each header once")
    .optional(),
  sendOn: z.enum(PACS_SEND_ON, { error: `sendOn must be one of: ${PACS_SEND_ON.join(", ")}` }),
});

/** As stored: sealed header values. */
const storedSchema = z.object({
  stowUrl: z.string().nullable(),
  sendOn: z.enum(PACS_SEND_ON),
  headers: z.array(z.object({ name: z.string(), sealed: z.string() })),
});
type Stored = z.infer<typeof storedSchema>;

/** What an administrator reads back: header values masked. */
export type PacsSettingsView = { stowUrl: string | null; sendOn: PacsSendOn; headers: Record<string, string> };
/** What the sender uses: header values in clear, in this process only. */
export type PacsConfig = { stowUrl: string; sendOn: PacsSendOn; headers: Record<string, string> };

const masterKey = () => Buffer.from(env.DATA_ENCRYPTION_KEY, "base64");
const context = (name: string) => Buffer.from(`dermrelay-pacs-header:${name.toLowerCase()}`);
const seal = (name: string, value: string) => encrypt(Buffer.from(value, "utf8"), masterKey(), context(name)).toString("base64");
const open = (name: string, sealed: string) =>
  decrypt(Buffer.from(sealed, "base64"), createKeyring(masterKey(), env.DATA_ENCRYPTION_PREVIOUS_KEYS.map((k) => Buffer.from(k, "base64"))), context(name)).toString("utf8");

/** `••••` plus the last four characters when the value is long enough that they reveal little. */
export const maskSecret = (value: string) => (value.length >= 16 ? `••••${value.slice(-4)}` : "••••");

async function readStored(db: Db): Promise<Stored | null> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, PACS_SETTINGS_KEY));
  const parsed = storedSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}

function view(stored: Stored | null): PacsSettingsView {
  if (!stored) return { stowUrl: null, sendOn: "manual", headers: {} };
  return { stowUrl: stored.stowUrl, sendOn: stored.sendOn, headers: Object.fromEntries(stored.headers.map((h) => [h.name, maskSecret(open(h.name, h.sealed))])) };
}

/** The PACS settings, header values masked. Admins only. */
export async function readPacsSettings(db: Db, ctx: RequestContext): Promise<PacsSettingsView> {
  requireAdmin(ctx.actor);
  return view(await readStored(db));
}

/** Save the PACS settings; the change and its audit row (no header values) commit together. */
export async function savePacsSettings(db: Database, ctx: RequestContext, input: unknown): Promise<PacsSettingsView> {
  requireAdmin(ctx.actor);
  const data = parseOrThrow(pacsSettingsInput, input);
  return db.transaction(async (tx) => {
    const before = await readStored(tx);
    const headers = data.headers === undefined ? (before?.headers ?? []) : Object.entries(data.headers).map(([name, value]) => ({ name, sealed: seal(name, value) }));
    const value: Stored = { stowUrl: data.stowUrl, sendOn: data.sendOn, headers };
    await tx
      .insert(settings)
      .values({ key: PACS_SETTINGS_KEY, value, updatedBy: ctx.actor.id })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedBy: ctx.actor.id, updatedAt: new Date() } });
    await audit(tx, ctx, {
      action: "settings.pacs.update",
      resourceType: "settings",
      resourceId: PACS_SETTINGS_KEY,
      details: { stowUrl: data.stowUrl, sendOn: data.sendOn, headerNames: headers.map((h) => h.name), headersChanged: data.headers !== undefined },
    });
    return view(value);
  });
}

/** When automatic sends happen and where to (no decryption): for the transition hook. */
export async function pacsTrigger(db: Db): Promise<{ stowUrl: string; sendOn: PacsSendOn } | null> {
  const stored = await readStored(db);
  return stored?.stowUrl ? { stowUrl: stored.stowUrl, sendOn: stored.sendOn } : null;
}

/** The configuration with header values opened, for the sender; null when sending is off. */
export async function pacsConfig(db: Db): Promise<PacsConfig | null> {
  const stored = await readStored(db);
  if (!stored?.stowUrl) return null;
  return { stowUrl: stored.stowUrl, sendOn: stored.sendOn, headers: Object.fromEntries(stored.headers.map((h) => [h.name, open(h.name, h.sealed)])) };
}
