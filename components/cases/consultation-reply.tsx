/** The dermatologist's reply as the clinic reads it: diagnosis first, then what to do. */
import type { Consultation } from "./types";
import { DISPOSITION_LABEL, labelOf } from "@/lib/vocabulary";
import { formatDateTime } from "./format";

export function ConsultationReply({ reply }: { reply: Consultation }) {
  const rows: [string, string | null][] = [
    ["Diagnosis", reply.diagnosisCode ? `${reply.diagnosis} (ICD-10 ${reply.diagnosisCode})` : reply.diagnosis],
    ["Differential", reply.differential],
    ["Plan", reply.plan],
    ["Disposition", labelOf(DISPOSITION_LABEL, reply.disposition)],
    ["Follow-up", reply.followUp],
  ];
  return (
    <div>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="font-medium text-slate-600">{k}</dt>
              <dd className="whitespace-pre-wrap">{v}</dd>
            </div>
          ))}
      </dl>
      <p className="mt-3 text-xs text-slate-600">
        {reply.specialistName} · <time dateTime={reply.at}>{formatDateTime(reply.at)}</time>
      </p>
    </div>
  );
}
