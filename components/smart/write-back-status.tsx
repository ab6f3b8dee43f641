/** Where the reply stands in the EHR, for a referral launched from one (SPEC §13). */
import type { WriteBackStatusDto } from "@/lib/smart/write-back";

export function WriteBackStatus({ status }: { status: WriteBackStatusDto }) {
  if (!status) return null;
  if (status.status === "filed") {
    return (
      <p role="status" className="inline-block rounded-md bg-emerald-50 px-3 py-1 text-sm font-medium text-emerald-800">
        Filed in the EHR{status.filedAt ? ` · ${new Date(status.filedAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC` : ""}
      </p>
    );
  }
  return (
    <p role="status" className="inline-block rounded-md bg-amber-50 px-3 py-1 text-sm font-medium text-amber-900">
      Write-back pending: open it from the EHR
    </p>
  );
}
