/** SLA settings (hours per priority, at-risk fraction): stored in `settings`, defaults from lib/triage/sla. */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { settings } from "../db/schema";
import { DEFAULT_AT_RISK_FRACTION, DEFAULT_SLA_HOURS, slaSettingsSchema, type SlaSettings } from "../triage/sla";

export const SLA_SETTINGS_KEY = "sla";

export const DEFAULT_SLA_SETTINGS: SlaSettings = { hours: { ...DEFAULT_SLA_HOURS }, atRiskFraction: DEFAULT_AT_RISK_FRACTION };

/** The SLA settings in force (defaults when none were saved or the stored value is unreadable). */
export async function getSlaSettings(db: Db): Promise<SlaSettings> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, SLA_SETTINGS_KEY));
  const parsed = slaSettingsSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_SLA_SETTINGS;
}
