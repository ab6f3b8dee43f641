/** The message line above an admin form: success as a polite status, failure as an alert. */
export function FormStatus({ state }: { state: { ok: boolean; message: string | null } }) {
  if (!state.message) return null;
  return state.ok ? (
    <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{state.message}</p>
  ) : (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{state.message}</p>
  );
}

/** First error for `key` (or any nested key under it) from a field-error map. */
export function fieldError(fields: Record<string, string[]>, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const hit = Object.entries(fields).find(([f]) => f === k || f.startsWith(`${k}.`));
    if (hit) return hit[1][0];
  }
  return undefined;
}
