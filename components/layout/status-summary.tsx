/** A row of figures: how many cases sit in each status. */
import type { CaseStatus } from "@/lib/db/schema/enums";
import { STATUS_LABEL } from "@/lib/vocabulary";

export function StatusSummary({ counts, statuses }: { counts: Partial<Record<CaseStatus, number>>; statuses: CaseStatus[] }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {statuses.map((s) => (
        <div key={s} className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-sm text-slate-600">{STATUS_LABEL[s]}</dt>
          <dd className="mt-1 text-2xl font-semibold">{counts[s] ?? 0}</dd>
        </div>
      ))}
    </dl>
  );
}
