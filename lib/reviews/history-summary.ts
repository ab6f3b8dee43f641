/**
 * The history as a dermatologist wants to read it in a batch (SPEC §6): red flags first, then the
 * facts that raise concern, then the rest in a fixed order, with negatives left out so a simple
 * case fits on one screen. Pure (no React, no I/O) so it is unit-tested and shared by any screen.
 */
import { bodySiteLabel } from "../codes/body-sites";
import { labelOf, SUSPECTED_LABEL } from "../vocabulary";

export type SummaryFact = { label: string; value: string; concern: boolean };
export type HistorySummary = {
  question: string | null;
  redFlags: string[];
  otherReasons: string[];
  facts: SummaryFact[];
};

type Reason = { label: string; level: string };


const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const on = (o: Record<string, unknown>, keys: readonly string[]) => keys.filter((k) => o[k] === true);

/** Summarise `history` (a stored referral history) with the case's triage `reasons`. */
export function summarizeHistory(history: Record<string, unknown>, reasons: Reason[] = []): HistorySummary {
  const facts: SummaryFact[] = [];
  const add = (label: string, value: string | null, concern = false) => {
    if (value) facts.push({ label, value, concern });
  };

  const symptoms = obj(history.symptoms);
  const abcde = obj(history.abcde);
  const alarming = on(symptoms, ["bleeding", "ulceration"]);
  const otherSymptoms = on(symptoms, ["itch", "pain", "scaling"]);
  const abcdeOn = on(abcde, ["asymmetry", "border", "colour", "diameter", "evolving"]);
  const risk = [
    history.immunosuppressed === true ? "immunosuppressed" : null,
    history.personalSkinCancer === true ? "personal history of skin cancer" : null,
    history.familySkinCancer === true ? "family history of skin cancer" : null,
  ].filter((x): x is string => x !== null);
  const sites = Array.isArray(history.bodySites) ? (history.bodySites as unknown[]).filter((s): s is string => typeof s === "string") : [];

  const suspected = str(history.suspected);
  add("Suspected", suspected ? labelOf(SUSPECTED_LABEL, suspected) : null, suspected === "melanoma" || suspected === "scc");
  add("Symptoms of concern", alarming.length ? alarming.join(", ") : null, true);
  add("ABCDE features", abcdeOn.length ? `${abcdeOn.length}: ${abcdeOn.join(", ")}` : null, abcdeOn.length >= 3);
  add("Risk factors", risk.length ? risk.join("; ") : null, history.immunosuppressed === true);
  add("Evolution", str(history.evolution), history.evolution === "changed");
  add("Onset", str(history.onset));
  add("Body sites", sites.length ? sites.map((c) => bodySiteLabel(c) ?? c).join(", ") : null);
  add("Size", typeof history.sizeMm === "number" ? `${history.sizeMm} mm` : null);
  add("Multiple lesions", history.multiple === true ? "yes" : null);
  add("Other symptoms", otherSymptoms.length ? otherSymptoms.join(", ") : null);
  add("Requested urgency", str(history.requestedUrgency), history.requestedUrgency === "urgent");
  add("Prior treatments", str(history.priorTreatments));
  add("Medications", str(history.medications));
  add("Allergies", str(history.allergies));
  add("Pregnant", history.pregnant === true ? "yes" : null);
  add("Sun exposure", str(history.sunExposure));

  // Concerning facts first; the sort is stable, so each group keeps the order above.
  facts.sort((a, b) => Number(b.concern) - Number(a.concern));
  return {
    question: str(history.referralQuestion),
    redFlags: reasons.filter((r) => r.level === "red_flag").map((r) => r.label),
    otherReasons: reasons.filter((r) => r.level !== "red_flag").map((r) => r.label),
    facts,
  };
}
