/**
 * Date-range and grouping controls: a plain GET form, so the dashboard state lives in the URL
 * (shareable, back-button friendly) and works without JavaScript.
 */
import { GROUP_BYS, type GroupBy } from "@/lib/metrics/range";

export const GROUP_LABEL: Record<GroupBy, string> = { none: "No grouping", clinic: "Clinic", specialist: "Specialist", priority: "Priority", week: "ISO week", skin_type: "Skin type" };

const input = "mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm";

export function RangeControls({ from, to, groupBy, errors }: { from: string; to: string; groupBy: GroupBy; errors: Record<string, string[]> }) {
  const err = (k: string) => errors[k]?.[0];
  return (
    <form method="get" action="/admin" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label="Report range">
      <div>
        <label htmlFor="range-from" className="block text-sm font-medium text-slate-700">From</label>
        <input id="range-from" name="from" type="date" defaultValue={from} className={input} aria-invalid={err("from") ? true : undefined} aria-describedby={err("from") ? "range-from-error" : undefined} />
        {err("from") && <p id="range-from-error" className="mt-1 text-sm text-red-700">{err("from")}</p>}
      </div>
      <div>
        <label htmlFor="range-to" className="block text-sm font-medium text-slate-700">To</label>
        <input id="range-to" name="to" type="date" defaultValue={to} className={input} aria-invalid={err("to") ? true : undefined} aria-describedby={err("to") ? "range-to-error" : undefined} />
        {err("to") && <p id="range-to-error" className="mt-1 text-sm text-red-700">{err("to")}</p>}
      </div>
      <div>
        <label htmlFor="range-group" className="block text-sm font-medium text-slate-700">Break down by</label>
        <select id="range-group" name="groupBy" defaultValue={groupBy} className={input}>
          {GROUP_BYS.filter((g) => g !== "none").map((g) => (
            <option key={g} value={g}>{GROUP_LABEL[g]}</option>
          ))}
        </select>
      </div>
      <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700">Update</button>
      <p className="basis-full text-xs text-slate-500">Cases count in the range by the day they were submitted (UTC). Medians and 90th percentiles are interpolated (percentile_cont).</p>
    </form>
  );
}
