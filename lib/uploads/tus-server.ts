/**
 * The tus 1.0 protocol (SPEC §16) is spoken by @tus/server, not by us: this module configures it
 * over our store (encrypted-tus-store.ts) and bridges it to the app's route handlers with Web
 * Request/Response (`handleWeb`). Authentication, the role gate and the rate limit happen before,
 * in the route adapter (lib/http/route.ts); ownership and the case checks in service.ts. The
 * request's actor reaches the library's hooks through a WeakMap keyed by the Request the library
 * hands back to them.
 *
 * Every error answer, the library's plain-text ones included, leaves here in the API's JSON error
 * envelope with its status; unexpected errors become a generic 500 that echoes nothing.
 */
import { randomUUID } from "node:crypto";
import { ERRORS, Server, type Locker, type Upload } from "@tus/server";
import { db, type Database } from "../db/client";
import type { RequestContext } from "../auth/actor";
import { audit } from "../audit/record";
import type { CaseRow } from "../cases/access";
import { ERROR_STATUS, type ErrorCode } from "../errors";
import { toFailure } from "../http/failure";
import { MAX_PHOTO_BYTES } from "../photos/limits";
import { EncryptedTusStore } from "./encrypted-tus-store";
import { FINISHED_ELSEWHERE, finishUpload } from "./finish";
import { insertUploadRecord, type NewUpload } from "./records";
import { redisLockerFromEnv } from "./redis-locker";

/** Where the uploads live. */
export const UPLOADS_PATH = "/api/v1/uploads";
/** The header naming the photo a finished upload became (final PATCH, and HEAD afterwards). */
export const PHOTO_ID_HEADER = "Photo-Id";
export const TUS_VERSION = "1.0.0";

/** What the hooks need of the request they serve. */
export type TusState = { ctx: RequestContext; create?: { target: CaseRow; upload: Omit<NewUpload, "id"> } };

const states = new WeakMap<Request, TusState>();

type TusError = { status_code: number; body: string };
const isTusError = (e: unknown): e is TusError => typeof e === "object" && e !== null && typeof (e as TusError).status_code === "number";

function stateOf(req: Request): TusState {
  const s = states.get(req);
  if (!s) throw new Error("tus hook without request state");
  return s;
}

async function onUploadCreate(database: Database, req: Request, upload: Upload) {
  const { ctx, create } = stateOf(req);
  if (!create) throw ERRORS.INVALID_LENGTH;
  await database.transaction(async (tx) => {
    await insertUploadRecord(tx, ctx, { ...create.upload, id: upload.id });
    await audit(tx, ctx, { action: "photo.upload.start", resourceType: "photo_upload", resourceId: upload.id, patientId: create.target.patientId, details: { caseId: create.target.id } });
  });
  return {};
}

async function onUploadFinish(database: Database, req: Request, upload: Upload) {
  const photo = await finishUpload(database, stateOf(req).ctx, upload.id);
  return { status_code: 200, headers: { "Content-Type": "application/json", [PHOTO_ID_HEADER]: photo.id }, body: JSON.stringify(photo) };
}

/** A thrown DomainError or fault as the library's error object, carrying our envelope. */
function asTusError(err: unknown, req: Request): TusError {
  const f = toFailure(err, states.get(req)?.ctx.requestId ?? "-");
  const status = f.code === "internal" ? 500 : ERROR_STATUS[f.code];
  return { status_code: status, body: JSON.stringify({ error: { code: f.code, message: f.message, ...(f.fields ? { fields: f.fields } : {}) } }) };
}

/**
 * The library over our store and `locker`. Production: the Redis locker every web process shares
 * (redis-locker.ts); Postgres fences each commit whatever the locker did.
 */
function createTusServer(database: Database, locker: Locker): Server {
  return new Server({
    path: UPLOADS_PATH,
    datastore: new EncryptedTusStore(database),
    locker,
    maxSize: MAX_PHOTO_BYTES,
    relativeLocation: true,
    namingFunction: () => randomUUID(),
    // Same-origin only: no CORS answer for any other origin.
    allowedOrigins: () => false,
    disableTerminationForFinishedUploads: true,
    onUploadCreate: (req, upload) => onUploadCreate(database, req as Request, upload),
    onUploadFinish: (req, upload) => onUploadFinish(database, req as Request, upload),
    onResponseError: (req, err) => (isTusError(err) ? undefined : asTusError(err, req as Request)),
  });
}

const globalForTus = globalThis as unknown as { dermrelayTus?: Server };
const tusServer = () => (globalForTus.dermrelayTus ??= createTusServer(db, redisLockerFromEnv()));

/** The error code of a status the library answers with (its own statuses kept: 410, 412). */
function codeOf(status: number): ErrorCode | "internal" {
  const byStatus: Partial<Record<number, ErrorCode>> = { 410: "not_found", 412: "bad_request", 423: "conflict" };
  const known = (Object.entries(ERROR_STATUS) as [ErrorCode, number][]).find(([, s]) => s === status)?.[0];
  return byStatus[status] ?? known ?? (status >= 500 ? "internal" : "bad_request");
}

/** The library's answer with the API's headers, and any error body in the JSON envelope. */
async function normalized(res: Response): Promise<Response> {
  const headers = new Headers(res.headers);
  headers.delete("access-control-expose-headers");
  headers.set("cache-control", "private, no-store");
  headers.set("x-content-type-options", "nosniff");
  if (res.status < 400) return new Response(res.body, { status: res.status, headers });
  // The library answers a missing Upload-Offset or Content-Type with 403; our 403 means "your role".
  const status = res.status === 403 ? 400 : res.status;
  const text = await res.text();
  let body: string;
  try {
    const parsed = JSON.parse(text) as { error?: { code?: string } };
    if (!parsed.error?.code) throw new Error("not an envelope");
    body = text;
  } catch {
    body = JSON.stringify({ error: { code: codeOf(status), message: text.trim() || "The upload request was refused" } });
  }
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  return new Response(body, { status, headers });
}

/** Serve one tus request with `state` available to the hooks. */
export async function handleTus(request: Request, state: TusState | null): Promise<Response> {
  if (state) states.set(request, state);
  return normalized(await tusServer().handleWeb(request as Parameters<Server["handleWeb"]>[0]));
}

/** 409 for a PATCH or DELETE of a finished upload, naming its photo (the lost-answer retry). */
export function finishedRefusal(photoId: string | null): Response {
  return new Response(FINISHED_ELSEWHERE.body, {
    status: 409,
    headers: { "content-type": "application/json", "cache-control": "private, no-store", "x-content-type-options": "nosniff", "tus-resumable": TUS_VERSION, ...(photoId ? { [PHOTO_ID_HEADER]: photoId } : {}) },
  });
}

/**
 * 412 with Tus-Version when the client speaks another protocol version (the library would say
 * 412 only when the header is missing, and 400 for a wrong value); null when it speaks 1.0.0.
 */
export function versionRefusal(request: Request): Response | null {
  if (request.headers.get("tus-resumable") === TUS_VERSION) return null;
  return new Response(JSON.stringify({ error: { code: "bad_request", message: `Send Tus-Resumable: ${TUS_VERSION}` } }), {
    status: 412,
    headers: { "content-type": "application/json", "cache-control": "private, no-store", "x-content-type-options": "nosniff", "tus-resumable": TUS_VERSION, "tus-version": TUS_VERSION },
  });
}
