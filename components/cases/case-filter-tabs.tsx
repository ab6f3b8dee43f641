/** The status filters of the clinic case list, as plain links so they work without JavaScript. */
import Link from "next/link";
import type { CaseStatus } from "@/lib/db/schema/enums";
import { STATUS_LABEL } from "@/lib/vocabulary";

const FILTER_STATUSES = ["draft", "triaged", "in_review", "awaiting_info", "answered", "closed", "withdrawn"] as const satisfies readonly CaseStatus[];

/** "All", then one tab per status, worded as a list of cases ("Drafts", "In queue"). */
export const CASE_FILTERS: readonly { status: CaseStatus | undefined; label: string }[] = [
  { status: undefined, label: "All" },
  ...FILTER_STATUSES.map((status) => ({ status, label: status === "draft" ? "Drafts" : STATUS_LABEL[status] })),
];

export function CaseFilterTabs({ current, counts }: { current: string | undefined; counts: Partial<Record<string, number>> }) {
  return (
    <nav aria-label="Filter cases by status">
      <ul className="flex gap-1 overflow-x-auto pb-1">
        {CASE_FILTERS.map((f) => {
          const active = f.status === current;
          const n = f.status ? counts[f.status] : undefined;
          return (
            <li key={f.label} className="shrink-0">
              <Link
                href={f.status ? `/clinic?status=${f.status}` : "/clinic"}
                aria-current={active ? "page" : undefined}
                className={`inline-block rounded-full border px-3 py-1.5 text-sm ${active ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-100"}`}
              >
                {f.label}
                {n !== undefined && <span className={active ? "text-brand-50" : "text-slate-500"}>{` · ${n}`}</span>}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
