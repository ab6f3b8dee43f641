/** Colours for the stored SLA state of a case (words: lib/vocabulary.ts), shared by the admin case list and case page. */
import type { BadgeTone } from "@/components/ui/badge";

export const SLA_STATE_TONE: Record<string, BadgeTone> = { ok: "success", at_risk: "warning", breached: "danger" };

/** Statuses in which the SLA clock still runs (or is paused, awaiting the clinic). */
export const OPEN_STATUSES = new Set(["submitted", "triaged", "in_review", "awaiting_info"]);
