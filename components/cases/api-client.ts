/**
 * The browser side of the JSON API for clinic screens: one fetch wrapper that turns the SPEC §8
 * error envelope into an ApiError with its field messages, so every form can put errors beside
 * the fields they belong to. Same-origin requests carry the session cookie on their own.
 */
export type FieldErrors = Record<string, string[]>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Turn a non-2xx response body into an ApiError; tolerant of bodies that are not our envelope. */
export function apiErrorFrom(status: number, body: unknown): ApiError {
  const err = (body as { error?: { code?: string; message?: string; fields?: FieldErrors } } | null)?.error;
  if (err) return new ApiError(status, err.code ?? "error", err.message ?? "Request failed", err.fields ?? {});
  if (status === 401) return new ApiError(status, "unauthenticated", "Your session has ended; sign in again");
  return new ApiError(status, "error", `The server answered ${status}; please try again`);
}

/** Call the API and return its JSON (null for 204); throws ApiError for every failure. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? "GET",
      headers: init.body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch {
    throw new ApiError(0, "network", "No connection to DermRelay; check the network and try again");
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) throw apiErrorFrom(res.status, body);
  return body as T;
}

/** The first message for each field, with `prefix.` stripped ("history.onset" → "onset"). */
export function firstMessages(fields: FieldErrors, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, messages] of Object.entries(fields)) {
    const key = prefix && path.startsWith(`${prefix}.`) ? path.slice(prefix.length + 1) : path;
    if (messages[0] && !(key in out)) out[key] = messages[0];
  }
  return out;
}
