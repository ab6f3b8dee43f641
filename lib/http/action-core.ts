/**
 * The server-action adapter's steps, without Next.js's request scope so tests can drive them:
 * request facts → authenticate (two-factor gate) → audited role gate → raw input from the form →
 * parse → run → `after` (revalidation) → Result. Cross-site posts are refused by Next.js itself
 * for server actions (it compares Origin with Host), so no origin check is repeated here.
 */
import type { z } from "zod";
import { db } from "../db/client";
import { parseOrThrow } from "../validation";
import { authenticate, authorize, type Endpoint, type PublicContext, type Roles } from "./endpoint";
import { toFailure } from "./failure";
import { enforceRateLimit } from "./rate-limit";
import { clientIp, requestIdFrom } from "./request-info";
import { ok, type Result } from "./result";

export type ActionOptions<S extends z.ZodType, O> = {
  /** The raw input from the submitted form (default: every single-valued field as a string). */
  input?: (form: FormData) => unknown;
  /** After a success, before answering (revalidatePath of the screens that changed). */
  after?: (data: O, input: z.output<S>) => void | Promise<void>;
};

/** Every field of the form as a string (files and repeated keys are not part of this default). */
export function formFields(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string") out[k] = v;
  return out;
}

/** Run `ep` for a form post with these request headers; `rethrow` lets framework control flow (redirects) through. */
export async function performAction<R extends Roles, S extends z.ZodType, O>(
  ep: Endpoint<R, S, O>,
  headers: Headers,
  form: FormData,
  opts: ActionOptions<S, O> = {},
  rethrow: (err: unknown) => void = () => undefined,
): Promise<Result<O>> {
  const facts = { requestId: requestIdFrom(headers), ip: clientIp(headers) };
  try {
    let ctx: PublicContext | Awaited<ReturnType<typeof authenticate>>;
    if (ep.roles === "public") {
      if (ep.limit) await enforceRateLimit(ep.limit, { ip: facts.ip });
      ctx = { actor: null, ...facts };
    } else {
      ctx = await authenticate(headers, facts, { duringMfaSetup: ep.duringMfaSetup, limit: ep.limit ?? "api" });
      await authorize(ctx, ep.roles as Exclude<Roles, "public">, `action.${ep.name}`, "action");
    }
    const input = parseOrThrow(ep.input, (opts.input ?? formFields)(form));
    const data = await ep.run(db, ctx as never, input);
    await opts.after?.(data, input);
    return ok(data);
  } catch (err) {
    rethrow(err);
    return toFailure(err, facts.requestId);
  }
}
