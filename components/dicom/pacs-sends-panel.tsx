/**
 * The admin case page's PACS section: every send of the case's study (why, when, where, its
 * status and what the PACS answered or why it failed) and "Send to PACS again".
 */
import type { PacsSendDto } from "@/lib/dicom/pacs-sends";
import type { FormAction } from "@/lib/http/result";
import { formatDateTime } from "@/components/cases/format";
import { Panel } from "@/components/cases/panel";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { PACS_SEND_STATUS_LABEL, PACS_SEND_TRIGGER_LABEL } from "@/lib/vocabulary";
import { SendToPacsButton } from "./send-to-pacs-button";

const TONE: Record<PacsSendDto["status"], BadgeTone> = { pending: "warning", sent: "success", failed: "danger" };

function Outcome({ s }: { s: PacsSendDto }) {
  if (s.status === "sent" && s.response) {
    return (
      <span>
        PACS answered HTTP {s.response.httpStatus}: {s.response.stored} of {s.instanceCount ?? s.response.stored} instances stored
        {s.sentAt && <> at <time dateTime={s.sentAt}>{formatDateTime(s.sentAt)}</time></>}.
      </span>
    );
  }
  if (s.status === "failed") return <span>{s.lastError ?? "Failed."}</span>;
  return <span>{s.lastError ? `Retrying after: ${s.lastError}` : "Waiting for the worker."}</span>;
}

export function PacsSendsPanel({ caseId, sends, configured, canSend, send }: { caseId: string; sends: PacsSendDto[]; configured: boolean; canSend: boolean; send: FormAction<{ id: string }> }) {
  return (
    <Panel title="PACS" id="pacs">
      {sends.length === 0 ? (
        <p className="mb-3 text-sm text-slate-600">{configured ? "This case's study has not been sent to the PACS." : "No PACS is configured (Settings → PACS)."}</p>
      ) : (
        <ul className="mb-3 divide-y divide-slate-100 text-sm">
          {sends.map((s) => (
            <li key={s.id} className="space-y-1 py-2">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={TONE[s.status]}>{PACS_SEND_STATUS_LABEL[s.status]}</Badge>
                <span className="text-slate-700">
                  Sent {PACS_SEND_TRIGGER_LABEL[s.trigger]} to <code>{s.target}</code>, queued <time dateTime={s.createdAt}>{formatDateTime(s.createdAt)}</time>
                  {s.attempts > 1 ? ` · ${s.attempts} attempts` : ""}
                </span>
              </div>
              <p className="text-slate-600">
                <Outcome s={s} />
              </p>
            </li>
          ))}
        </ul>
      )}
      {configured && canSend && <SendToPacsButton caseId={caseId} send={send} label={sends.length === 0 ? "Send to PACS" : "Send to PACS again"} />}
    </Panel>
  );
}
