/**
 * Where the reply stands in the EHR, for a referral launched from one (SPEC §13): being filed,
 * retrying after an error (why, and when), waiting for the next launch from the EHR ("Write-back
 * pending: open it from the EHR", with what to do), or filed. While the worker still has it in
 * hand the page refreshes itself for a while, so "Filing…" turns into the outcome.
 */
import type { WriteBackStatusDto } from "@/lib/smart/write-back";
import { WRITEBACK_HOLD_LABEL } from "@/lib/vocabulary";
import { AutoRefresh } from "@/components/cases/auto-refresh";

const utc = (iso: string, timeStyle: "short" | "medium" = "short") =>
  `${new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle, timeZone: "UTC" })} UTC`;

export type WriteBackText = { tone: "done" | "busy" | "attention"; title: string; detail: string | null; refresh: boolean };

/** The words for a write-back status; null when there is nothing to say. */
export function writeBackText(status: WriteBackStatusDto): WriteBackText | null {
  if (!status) return null;
  switch (status.status) {
    case "filed":
      return { tone: "done", title: `Filed in the EHR${status.filedAt ? ` · ${utc(status.filedAt)}` : ""}`, detail: null, refresh: false };
    case "sending":
      return { tone: "busy", title: "Filing in the EHR…", detail: null, refresh: true };
    case "retrying": {
      const when = status.retryAt ? `at ${utc(status.retryAt, "medium")}` : "shortly";
      return { tone: "busy", title: `Filing in the EHR did not work yet (${status.reason}): DermRelay tries again ${when}.`, detail: null, refresh: true };
    }
    case "waiting_for_launch":
      return { tone: "attention", title: "Write-back pending: open it from the EHR", detail: WRITEBACK_HOLD_LABEL[status.hold], refresh: false };
  }
}

const TONE: Record<WriteBackText["tone"], string> = {
  done: "bg-emerald-50 text-emerald-800",
  busy: "bg-sky-50 text-sky-900",
  attention: "bg-amber-50 text-amber-900",
};

export function WriteBackStatus({ status }: { status: WriteBackStatusDto }) {
  const text = writeBackText(status);
  if (!text) return null;
  return (
    <div role="status" className={`inline-block space-y-1 rounded-md px-3 py-1 text-sm ${TONE[text.tone]}`}>
      {text.refresh && <AutoRefresh everyMs={5000} />}
      <p className="font-medium">{text.title}</p>
      {text.detail && <p>{text.detail}</p>}
    </div>
  );
}
