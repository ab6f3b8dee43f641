/**
 * The referral history as a compact definition list, in the order a dermatologist reads it.
 * Used on the wizard's review step and the case page; unanswered fields say so.
 */
import { ABCDE_KEYS, SYMPTOM_KEYS } from "@/lib/cases/history";
import { ABCDE_LABEL, CONSENT_BY_LABEL, EVOLUTION_LABEL, labelOf, SUN_LABEL, SUSPECTED_LABEL, SYMPTOM_LABEL, URGENCY_LABEL } from "@/lib/vocabulary";
import { formatDateTime, siteLabel } from "./format";

const NOT_ANSWERED = "Not answered";

function text(v: unknown): string {
  return typeof v === "string" && v.trim() ? v : NOT_ANSWERED;
}
function choice(v: unknown, labels: Record<string, string>): string {
  return typeof v === "string" && v ? (labels[v] ?? v) : NOT_ANSWERED;
}
function flagsOf(v: unknown, keys: readonly string[], labels: Record<string, string>): string {
  const o = v && typeof v === "object" ? (v as Record<string, unknown>) : {};
  const on = keys.filter((k) => o[k] === true).map((k) => labels[k] ?? k);
  return on.length ? on.join(", ") : "None";
}

export function HistorySummary({ history: h }: { history: Record<string, unknown> }) {
  const consent = h.consent && typeof h.consent === "object" ? (h.consent as Record<string, unknown>) : {};
  const sites = Array.isArray(h.bodySites) ? (h.bodySites as string[]).map(siteLabel).join(", ") : "";
  const facts = [
    h.immunosuppressed === true && "Immunosuppressed",
    h.pregnant === true && "Pregnant",
    h.personalSkinCancer === true && "Personal history of skin cancer",
    h.familySkinCancer === true && "Family history of skin cancer",
  ].filter(Boolean);
  const rows: [string, string][] = [
    ["Referral question", text(h.referralQuestion)],
    ["Suspected diagnosis", choice(h.suspected, SUSPECTED_LABEL)],
    ["Requested urgency", choice(h.requestedUrgency, URGENCY_LABEL)],
    ["Onset", text(h.onset)],
    ["Evolution", choice(h.evolution, EVOLUTION_LABEL)],
    ["Body sites", sites || NOT_ANSWERED],
    ["Multiple lesions", h.multiple === true ? "Yes" : "No"],
    ["Size", typeof h.sizeMm === "number" ? `${h.sizeMm} mm` : "Not measured"],
    ["Symptoms", flagsOf(h.symptoms, SYMPTOM_KEYS, SYMPTOM_LABEL)],
    ["ABCDE features", flagsOf(h.abcde, ABCDE_KEYS, ABCDE_LABEL)],
    ["Prior treatments", text(h.priorTreatments)],
    ["Medications", text(h.medications)],
    ["Allergies", text(h.allergies)],
    ["Risk factors", facts.length ? facts.join(", ") : "None recorded"],
    ["Sun exposure", typeof h.sunExposure === "string" && h.sunExposure ? labelOf(SUN_LABEL, h.sunExposure) : "Not recorded"],
    [
      "Consent",
      consent.given === true
        ? `Given by ${((CONSENT_BY_LABEL as Record<string, string>)[String(consent.by)] ?? "—").toLowerCase()}${typeof consent.at === "string" ? ` on ${formatDateTime(consent.at)}` : ""}`
        : "Not recorded",
    ],
  ];
  return (
    <dl className="mt-2 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-medium text-slate-600">{k}</dt>
          <dd className={`whitespace-pre-wrap ${v === NOT_ANSWERED ? "text-red-800" : "text-slate-900"}`} suppressHydrationWarning>
            {v}
          </dd>
        </div>
      ))}
    </dl>
  );
}
