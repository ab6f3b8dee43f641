/**
 * The one wrapper that turns an admin server action's outcome into an ActionState: domain errors
 * become their message and field errors; anything unexpected is logged and reported generically.
 */
import type { RequestContext } from "@/lib/auth/actor";
import { isDomainError } from "@/lib/errors";
import { logger } from "@/lib/log";
import type { ActionState } from "./action-state";

/** Run `fn` (which returns the success message) and map its outcome to an ActionState. */
export async function runAction(ctx: RequestContext, fn: () => Promise<string>): Promise<ActionState> {
  try {
    return { ok: true, message: await fn(), fields: {} };
  } catch (err) {
    if (isDomainError(err)) return { ok: false, message: err.message === "Validation failed" ? "Check the fields marked below." : err.message, fields: err.fields ?? {} };
    logger.error({ err, requestId: ctx.requestId }, "admin action failed");
    return { ok: false, message: `Something went wrong (request ${ctx.requestId}).`, fields: {} };
  }
}
