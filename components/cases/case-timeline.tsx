/** The status history of a case from its events: each step, when, and by whom (role only). */
import type { CaseEvent } from "./types";
import { labelOf, ROLE_LABEL, STATUS_LABEL } from "@/lib/vocabulary";
import { formatDateTime } from "./format";

function actor(role: string | null): string {
  if (!role) return "DermRelay (automatic)";
  return labelOf(ROLE_LABEL, role);
}

export function CaseTimeline({ events }: { events: CaseEvent[] }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">No status changes yet.</p>;
  return (
    <ol className="relative space-y-4 border-l border-slate-300 pl-5" aria-label="Status timeline">
      {events.map((e, i) => (
        <li key={`${e.at}-${i}`} className="relative">
          <span aria-hidden="true" className="absolute -left-[1.6rem] top-1.5 h-3 w-3 rounded-full border-2 border-white bg-brand-600" />
          <p className="text-sm font-medium">
            {e.from ? (
              <>
                {labelOf(STATUS_LABEL, e.from)} <span aria-hidden="true">→</span>
                <span className="sr-only"> to</span> {labelOf(STATUS_LABEL, e.to)}
              </>
            ) : (
              `Created as ${labelOf(STATUS_LABEL, e.to).toLowerCase()}`
            )}
          </p>
          <p className="text-xs text-slate-600">
            <time dateTime={e.at}>{formatDateTime(e.at)}</time> · {actor(e.actorRole)}
          </p>
          {e.note && e.actorRole && <p className="mt-1 text-sm text-slate-700">{e.note}</p>}
        </li>
      ))}
    </ol>
  );
}
