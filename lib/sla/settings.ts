/**
 * The SLA settings (hours per priority, at-risk share): stored in `settings` under one key, with
 * the defaults of ./rules. Triage and the sweeper read them with `getSlaSettings`; administrators
 * read and change them through `readSlaSettings` / `saveSlaSettings`. Only new deadlines use a
 * change: triage computes a case's deadline once, so cases already in the queue keep theirs.
 */
import { eq } from "drizzle-orm";
import type { Database, Db } from "../db/client";
import { settings } from "../db/schema";
import type { RequestContext } from "../auth/actor";
import { audit } from "../audit/record";
import { requireAdmin } from "../auth/guard";
import { parseOrThrow } from "../validation";
import { DEFAULT_AT_RISK_FRACTION, DEFAULT_SLA_HOURS, slaSettingsSchema, type SlaSettings } from "./rules";

export const SLA_SETTINGS_KEY = "sla";

export const DEFAULT_SLA_SETTINGS: SlaSettings = { hours: { ...DEFAULT_SLA_HOURS }, atRiskFraction: DEFAULT_AT_RISK_FRACTION };

/** The SLA settings in force (defaults when none were saved or the stored value is unreadable). */
export async function getSlaSettings(db: Db): Promise<SlaSettings> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, SLA_SETTINGS_KEY));
  const parsed = slaSettingsSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_SLA_SETTINGS;
}

/** The settings in force, for an administrator. */
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
