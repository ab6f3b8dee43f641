/**
 * Filters of the admin case list as a plain GET form: works without JavaScript and keeps the URL
 * shareable. The URL carries codes and ids only, never patient details.
 */
import Link from "next/link";
import { CASE_STATUSES, PRIORITIES } from "@/lib/db/schema/enums";
import { SLA_STATES } from "@/lib/db/schema/enums";
import { labelOf, PRIORITY_LABEL, SLA_STATE_LABEL, STATUS_LABEL } from "@/lib/vocabulary";

export type AdminCaseFilterValues = { status?: string; priority?: string; slaState?: string; clinicId?: string };

const SELECT = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

function Select({ id, name, label, value, any, options }: { id: string; name: string; label: string; value?: string; any: string; options: [string, string][] }) {
  return (
    <div className="min-w-40">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ""} className={SELECT}>
        <option value="">{any}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

export function AdminCaseFilters({ values, clinics }: { values: AdminCaseFilterValues; clinics: { id: string; name: string; active: boolean }[] }) {
  const statuses = CASE_STATUSES.filter((s) => s !== "draft").map((s): [string, string] => [s, labelOf(STATUS_LABEL, s)]);
  return (
    <form method="get" action="/admin/cases" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label="Filter cases">
      <Select id="cases-status" name="status" label="Status" value={values.status} any="Any status" options={statuses} />
      <Select id="cases-priority" name="priority" label="Priority" value={values.priority} any="Any priority" options={PRIORITIES.map((p) => [p, labelOf(PRIORITY_LABEL, p)])} />
      <Select id="cases-sla" name="slaState" label="SLA state" value={values.slaState} any="Any SLA state" options={SLA_STATES.map((s) => [s, labelOf(SLA_STATE_LABEL, s)])} />
      <Select
        id="cases-clinic"
        name="clinicId"
        label="Clinic"
        value={values.clinicId}
        any="All clinics"
        options={clinics.map((c) => [c.id, c.active ? c.name : `${c.name} (inactive)`])}
      />
      <div className="flex items-center gap-3">
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Apply filters
        </button>
        <Link href="/admin/cases" className="text-sm text-brand-700 underline">
          Clear filters
        </Link>
      </div>
    </form>
  );
}
