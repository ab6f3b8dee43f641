/**
 * The administrator gate every lib/admin, lib/metrics and lib/sla service calls before touching
 * data. Route wrappers already refuse other roles; this is the policy check next to the data
 * (STYLE habit 5), so a server action or script cannot bypass it.
 */
import type { Actor } from "../auth/actor";
import { canAdminister } from "../auth/policies";
import { Forbidden } from "../errors";

/** Throw 403 unless `actor` may administer the service. */
export function requireAdmin(actor: Actor): void {
  if (!canAdminister(actor)) throw Forbidden();
}
