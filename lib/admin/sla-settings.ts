/**
 * Reading and changing the SLA settings (hours per priority, at-risk share). Only new deadlines use
 * a change: triage computes a case's deadline once, so cases already in the queue keep theirs.
 */
import type { Database, Db } from "../db/client";
import { settings } from "../db/schema";
import type { RequestContext } from "../auth/actor";
import { audit } from "../audit/record";
import { getSlaSettings, SLA_SETTINGS_KEY } from "../settings/sla";
import { slaSettingsSchema, type SlaSettings } from "../triage/sla";
import { parseOrThrow } from "../validation";
import { requireAdmin } from "./guard";

/** The settings in force. */
export async function readSlaSettings(db: Db, ctx: RequestContext): Promise<SlaSettings> {
  requireAdmin(ctx.actor);
  return getSlaSettings(db);
}

/** Replace the settings; the change and its audit row commit together. */
export async function saveSlaSettings(db: Database, ctx: RequestContext, input: unknown): Promise<SlaSettings> {
  requireAdmin(ctx.actor);
  const value = parseOrThrow(slaSettingsSchema, input);
  await db.transaction(async (tx) => {
    const before = await getSlaSettings(tx);
    await tx
      .insert(settings)
      .values({ key: SLA_SETTINGS_KEY, value, updatedBy: ctx.actor.id })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedBy: ctx.actor.id, updatedAt: new Date() } });
    await audit(tx, ctx, { action: "settings.sla.update", resourceType: "settings", resourceId: SLA_SETTINGS_KEY, details: { before, after: value } });
  });
  return value;
}
