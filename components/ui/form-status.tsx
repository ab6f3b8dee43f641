/**
 * The message line above a form that answers a Result (a server action's or the API client's):
 * success as a polite status in the screen's words, failure as an alert. Field messages go beside
 * their fields (`fieldError` of lib/http/result.ts).
 */
import { failureMessage, type Result } from "@/lib/http/result";

export { fieldError } from "@/lib/http/result";

export function FormStatus<T>({ result, success }: { result: Result<T> | null; success?: (data: T) => string | null }) {
  if (!result) return null;
  const text = result.ok ? (success?.(result.data) ?? null) : failureMessage(result);
  if (!text) return null;
  return result.ok ? (
    <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{text}</p>
  ) : (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{text}</p>
  );
}
