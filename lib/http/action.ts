/**
 * The server-action adapter of an endpoint (lib/http/endpoint.ts): a FormData post → the one
 * Result. Use it from a "use server" module:
 *
 *   const create = serverAction(createClinicEndpoint, { input: (f) => ({ name: f.get("name") }) });
 *   export async function createClinicAction(prev: Result<Clinic> | null, form: FormData) { return create(prev, form); }
 *
 * Components receive the action as a prop and hold its Result (useActionState).
 */
import type { z } from "zod";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { Endpoint, Roles } from "./endpoint";
import { performAction, type ActionOptions } from "./action-core";
import type { FormAction } from "./result";

export type { FormAction } from "./result";

/** A server action running `ep` for each form post (or a call without a form). */
export function serverAction<R extends Roles, S extends z.ZodType, O>(ep: Endpoint<R, S, O>, opts: ActionOptions<S, O> = {}): FormAction<O> {
  return async (_prev, form) => performAction(ep, (await headers()) as Headers, form ?? new FormData(), opts, unstable_rethrow);
}
