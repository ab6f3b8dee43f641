/**
 * The administrator gate every administrators' service (identity, clinics, audit viewer, metrics, SLA settings) calls before touching
 * data. Route wrappers already refuse other roles; this is the policy check next to the data
 * (STYLE habit 5), so a server action or script cannot bypass it.
 */
import type { Actor } from "./actor";
import { canAdminister } from "./policies";
import { Forbidden } from "../errors";

/** Throw 403 unless `actor` may administer the service. */
export function requireAdmin(actor: Actor): void {
  if (!canAdminister(actor)) throw Forbidden();
}
