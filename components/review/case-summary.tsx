/**
 * The left-hand reading of a case in review: who (age, sex, phototype), how urgent and why (red
 * flags first), what the referrer asks, the history facts that matter, and the message thread.
 */
import type { CaseDetail } from "@/lib/cases/detail";
import type { Priority } from "@/lib/db/schema/enums";
import { summarizeHistory } from "@/lib/reviews/history-summary";
import { PriorityBadge } from "@/components/cases/status-badges";
import { SlaCountdown } from "./sla-countdown";
import { ageInYears } from "@/lib/triage/age";

export function CaseSummary({ detail, now, atRiskFraction }: { detail: CaseDetail; now: number; atRiskFraction: number }) {
  const s = summarizeHistory(detail.history, detail.triageReasons);
  const p = detail.patient;
  return (
    <section aria-labelledby="case-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="case-heading" className="text-lg font-semibold">
          {p.givenName} {p.familyName}
        </h2>
        <span className="text-sm text-slate-600">
          {ageInYears(p.birthDate, new Date(now))} y · {p.sex}
          {p.fitzpatrick ? ` · Fitzpatrick ${p.fitzpatrick}` : ""} · MRN {p.mrn}
        </span>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <PriorityBadge priority={detail.priority as Priority | null} wording="short" />
        {detail.slaDueAt && detail.submittedAt && <SlaCountdown dueAt={detail.slaDueAt} submittedAt={detail.submittedAt} now={now} atRiskFraction={atRiskFraction} />}
      </div>
      {s.redFlags.length > 0 && (
        <div className="rounded-md border border-red-200 bg-red-50 p-2">
          <h3 className="text-sm font-semibold text-red-800">Red flags</h3>
          <ul className="list-inside list-disc text-sm text-red-900">
            {s.redFlags.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      )}
      {s.otherReasons.length > 0 && (
        <p className="text-sm text-slate-700">
          <span className="font-medium">Also: </span>
          {s.otherReasons.join(" · ")}
        </p>
      )}
      {s.question && (
        <div>
          <h3 className="text-sm font-semibold text-slate-700">Referral question</h3>
          <p className="whitespace-pre-wrap text-sm">{s.question}</p>
        </div>
      )}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
        {s.facts.map((f) => (
          <div key={f.label} className="contents">
            <dt className={f.concern ? "font-semibold text-red-800" : "text-slate-600"}>{f.label}</dt>
            <dd className={f.concern ? "font-medium text-red-900" : ""}>{f.value}</dd>
          </div>
        ))}
      </dl>
      {detail.messages.length > 0 && (
        <div>
          <h3 className="text-sm font-semibold text-slate-700">Messages</h3>
          <ol className="mt-1 space-y-2">
            {detail.messages.map((m) => (
              <li key={m.id} className={`rounded-md p-2 text-sm ${m.authorRole === "specialist" ? "bg-brand-50" : "bg-slate-100"}`}>
                <p className="text-xs text-slate-600">
                  {m.kind === "info_request" ? "Question from a specialist" : m.kind === "info_response" ? "Answer from the clinic" : "Note"} ·{" "}
                  {new Date(m.at).toLocaleString("en-GB", { timeZone: "UTC" })} UTC
                </p>
                <p className="whitespace-pre-wrap">{m.body}</p>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
