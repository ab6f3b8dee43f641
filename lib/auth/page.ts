/**
 * Page-side guards (server components only). Layouts and pages both call these: in the App
 * Router a page renders alongside its layout, so a layout check alone would not stop a page.
 */
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { Role } from "../db/schema/enums";
import { auditDenial } from "../audit/record";
import type { Actor, RequestContext } from "./actor";
import { actorFromHeaders } from "./current";
import { clientIp, requestIdFrom } from "../http/request-info";

export const HOME_BY_ROLE: Record<Role, string> = { referrer: "/clinic", specialist: "/specialist", admin: "/admin" };

/** The signed-in actor for this page request, or null. */
export async function currentActor(): Promise<Actor | null> {
  return actorFromHeaders(await headers());
}

/** The request context for services called from a page or server action; redirects when signed out. */
export async function requirePageContext(role?: Role, opts: { duringMfaSetup?: boolean } = {}): Promise<RequestContext> {
  const h = await headers();
  const actor = await actorFromHeaders(h);
  if (!actor) redirect("/sign-in");
  const ctx: RequestContext = { actor, requestId: requestIdFrom(h), ip: clientIp(h) };
  // A role that must use two-factor sign-in goes to set-up before anything else.
  if (actor.mfaSetupRequired && !opts.duringMfaSetup) redirect("/mfa/setup");
  if (role && actor.role !== role) {
    await auditDenial(ctx, { action: `page.${role}`, resourceType: "page" });
    redirect("/forbidden");
  }
  return ctx;
}
