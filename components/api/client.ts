/**
 * The one browser client for /api/v1: every screen calls the API through `api()` and gets the
 * Result every endpoint answers (lib/http/result.ts) — `{ ok: true, data }` (data is null for a
 * 204) or `{ ok: false, code, message, fields? }` unpacked from the SPEC §8 error envelope. It never
 * throws: a network failure or a body that is not our envelope becomes a failure with a code too.
 * Same-origin requests carry the session cookie on their own.
 */
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import type { Failure, Result } from "@/lib/http/result";
import { BACKGROUND_HEADERS } from "@/lib/auth/background";

export type { Failure, Result } from "@/lib/http/result";
export { failureMessage, fieldError, firstMessages } from "@/lib/http/result";

const CODE_BY_STATUS = new Map(Object.entries(ERROR_STATUS).map(([code, status]) => [status, code as ErrorCode]));

type Envelope = { error?: { code?: string; message?: string; fields?: Record<string, string[]>; requestId?: string } };

/** A non-2xx answer as a Failure; tolerant of bodies that are not our envelope (a proxy's 502). */
export function failureFrom(status: number, body: unknown): Failure {
  const err = (body as Envelope | null)?.error;
  const code = (err?.code as Failure["code"] | undefined) ?? CODE_BY_STATUS.get(status) ?? "internal";
  if (err?.message) return { ok: false, code, message: err.message, ...(err.fields ? { fields: err.fields } : {}), ...(err.requestId ? { requestId: err.requestId } : {}) };
  if (status === 401) return { ok: false, code: "unauthenticated", message: "Your session has ended; sign in again" };
  return { ok: false, code, message: `The server answered ${status}; please try again` };
}

/** The failure of a request that never got an answer. */
export const NETWORK_FAILURE: Failure = { ok: false, code: "unavailable", message: "No connection to DermRelay; check the network and try again" };

export type ApiInit = {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  signal?: AbortSignal;
  /** A call no person asked for (a poll, a heartbeat): it never extends the session (lib/auth/background.ts). */
  background?: boolean;
};

/** Call `path` (JSON in and out). Aborting through `signal` rejects, so a superseded call can be dropped. */
export async function api<T = unknown>(path: string, init: ApiInit = {}): Promise<Result<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? "GET",
      headers: {
        accept: "application/json",
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
        ...(init.background ? BACKGROUND_HEADERS : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "same-origin",
      cache: "no-store",
      signal: init.signal,
    });
  } catch (e) {
    if (init.signal?.aborted) throw e;
    return NETWORK_FAILURE;
  }
  const text = await res.text().catch(() => "");
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return res.ok ? { ok: true, data: body as T } : failureFrom(res.status, body);
}
