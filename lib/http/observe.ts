/**
 * A hook on every API response, for the integration suite's check of responses against the
 * OpenAPI document (tests/support/openapi-check.ts). No observer is registered outside tests, so
 * in the app this costs one empty-array check. Route adapters call `notifyApiResponse` once per
 * response (lib/http/route.ts; lib/http/endpoint.ts when it lands).
 */
type Observer = (req: Request, res: Response) => void;

const registry = globalThis as unknown as { dermrelayApiObservers?: Observer[] };

/** Register `fn` for every API response; returns the function that removes it. */
export function observeApiResponses(fn: Observer): () => void {
  (registry.dermrelayApiObservers ??= []).push(fn);
  return () => {
    registry.dermrelayApiObservers = (registry.dermrelayApiObservers ?? []).filter((o) => o !== fn);
  };
}

/** Tell the observers (if any) about one response. */
export function notifyApiResponse(req: Request, res: Response): void {
  const observers = registry.dermrelayApiObservers;
  if (observers?.length) for (const o of observers) o(req, res);
}
