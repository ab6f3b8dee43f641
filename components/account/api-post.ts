/** POST JSON to the API from the browser and return the status with the parsed error envelope. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string; fields: Record<string, string[]> };

export async function apiPost<T>(path: string, body?: unknown): Promise<ApiResult<T>> {
  const res = await fetch(path, {
    method: "POST",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = res.status === 204 ? null : await res.json().catch(() => null);
  if (res.ok) return { ok: true, data: json as T };
  return { ok: false, status: res.status, message: json?.error?.message ?? "Something went wrong", fields: json?.error?.fields ?? {} };
}
