/** Queue filters as a plain GET form: works without JavaScript and keeps the URL shareable (ids only). */
import { SelectField } from "@/components/ui/select-field";
import { PRIORITIES } from "@/lib/db/schema/enums";
import { PRIORITY_LABEL } from "@/lib/vocabulary";

export function QueueFilters({ clinics, priority, clinicId }: { clinics: { id: string; name: string }[]; priority?: string; clinicId?: string }) {
  return (
    <form method="get" action="/specialist" className="flex flex-wrap items-end gap-3" aria-label="Filter the queue">
      <SelectField
        id="filter-priority"
        name="priority"
        label="Priority"
        defaultValue={priority ?? ""}
        placeholder="All priorities"
        options={PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABEL[p] }))}
      />
      <SelectField
        id="filter-clinic"
        name="clinicId"
        label="Clinic"
        defaultValue={clinicId ?? ""}
        placeholder="All clinics"
        options={clinics.map((c) => ({ value: c.id, label: c.name }))}
      />
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
        Apply filters
      </button>
    </form>
  );
}
