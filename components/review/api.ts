/** The review screens' calls to the v1 API, with the error envelope unpacked for forms. */
import { BACKGROUND_HEADERS } from "@/lib/auth/background";

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; message: string; fields: Record<string, string> };

/** Call `path` with an optional JSON body; errors come back as a message and first-per-field messages. */
export async function apiCall<T = unknown>(path: string, method = "POST", body?: unknown, opts: { background?: boolean } = {}): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        // Timers' calls (the claim heartbeat) never extend the session.
        ...(opts.background ? BACKGROUND_HEADERS : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, message: "The server could not be reached; check the connection and try again", fields: {} };
  }
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (res.ok) return { ok: true, status: res.status, data: data as T };
  const err = (data as { error?: { message?: string; fields?: Record<string, string[]> } } | null)?.error;
  const fields = Object.fromEntries(Object.entries(err?.fields ?? {}).map(([k, v]) => [k, v[0] ?? "Invalid"]));
  return { ok: false, status: res.status, message: err?.message ?? `Request failed (${res.status})`, fields };
}

/** Claim the head of the queue and say where to go: the claimed case, or the "queue is empty" page. */
export async function claimNextHref(): Promise<{ href: string } | { error: string }> {
  const r = await apiCall<{ id: string }>("/api/v1/queue/claim-next");
  if (!r.ok) return { error: r.message };
  return { href: r.status === 204 || !r.data ? "/specialist/review?done=1" : `/specialist/review?case=${r.data.id}` };
}
