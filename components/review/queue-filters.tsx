/** Queue filters as a plain GET form: works without JavaScript and keeps the URL shareable (ids only). */
import { PRIORITIES } from "@/lib/db/schema/enums";
import { PRIORITY_LABEL } from "@/lib/vocabulary";

export function QueueFilters({ clinics, priority, clinicId }: { clinics: { id: string; name: string }[]; priority?: string; clinicId?: string }) {
  const select = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";
  return (
    <form method="get" action="/specialist" className="flex flex-wrap items-end gap-3" aria-label="Filter the queue">
      <div>
        <label htmlFor="filter-priority" className="block text-sm font-medium text-slate-700">
          Priority
        </label>
        <select id="filter-priority" name="priority" defaultValue={priority ?? ""} className={select}>
          <option value="">All priorities</option>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {PRIORITY_LABEL[p]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-clinic" className="block text-sm font-medium text-slate-700">
          Clinic
        </label>
        <select id="filter-clinic" name="clinicId" defaultValue={clinicId ?? ""} className={select}>
          <option value="">All clinics</option>
          {clinics.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
        Apply filters
      </button>
    </form>
  );
}
