"use client";
/**
 * Body-site picker over the bundled SNOMED CT list: grouped by region head to toe, narrowed by a
 * filter box, chosen sites shown as removable chips. Checkboxes keep it keyboard- and
 * screen-reader-friendly without a custom combobox.
 */
import { useId, useMemo, useState } from "react";
import { BODY_REGIONS, BODY_SITES } from "@/lib/codes/body-sites";
import { BODY_SITES_MAX } from "@/lib/cases/history";
import { siteLabel } from "../format";

const REGION_LABEL: Record<(typeof BODY_REGIONS)[number], string> = {
  head_neck: "Head and neck",
  trunk: "Trunk",
  genital_perineal: "Genital and perineal area",
  upper_limb: "Arm and hand",
  lower_limb: "Leg and foot",
  general: "General",
};

export function BodySitePicker({ value, onChange, error, id }: { value: string[]; onChange: (codes: string[]) => void; error?: string; id: string }) {
  const auto = useId();
  const [filter, setFilter] = useState("");
  const needle = filter.trim().toLowerCase();
  const groups = useMemo(
    () =>
      BODY_REGIONS.map((region) => ({
        region,
        sites: BODY_SITES.filter((s) => s.region === region && (!needle || s.label.toLowerCase().includes(needle) || REGION_LABEL[region].toLowerCase().includes(needle))),
      })).filter((g) => g.sites.length > 0),
    [needle],
  );
  const full = value.length >= BODY_SITES_MAX;
  const toggle = (code: string, on: boolean) => onChange(on ? [...value, code] : value.filter((c) => c !== code));

  return (
    <fieldset id={id} tabIndex={-1} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} className="space-y-3">
      <legend className="text-sm font-medium text-slate-700">Body sites (choose at least one)</legend>
      {value.length > 0 ? (
        <ul className="flex flex-wrap gap-2" aria-label="Chosen body sites">
          {value.map((code) => (
            <li key={code} className="inline-flex items-center gap-1 rounded-full bg-brand-50 py-1 pl-3 pr-1 text-sm text-brand-800 ring-1 ring-brand-600/40">
              {siteLabel(code)}
              <button type="button" onClick={() => toggle(code, false)} className="rounded-full px-2 text-brand-800 hover:bg-brand-100" aria-label={`Remove ${siteLabel(code)}`}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">No body site chosen yet.</p>
      )}
      <div>
        <label htmlFor={`${auto}-filter`} className="block text-sm text-slate-700">
          Filter body sites
        </label>
        <input
          id={`${auto}-filter`}
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder="e.g. forearm, cheek, back"
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-600 sm:max-w-sm"
        />
      </div>
      {full && <p className="text-sm text-amber-800">At most {BODY_SITES_MAX} body sites; remove one to choose another.</p>}
      <div className="max-h-80 space-y-3 overflow-y-auto rounded-md border border-slate-200 bg-white p-3">
        {groups.length === 0 && <p className="text-sm text-slate-600">No body site matches “{filter}”. Try another word, or choose “Skin, widespread or site not listed”.</p>}
        {groups.map((g) => (
          <fieldset key={g.region}>
            <legend className="text-xs font-semibold uppercase tracking-wide text-slate-500">{REGION_LABEL[g.region]}</legend>
            <div className="mt-1 grid gap-1 sm:grid-cols-2">
              {g.sites.map((s) => {
                const checked = value.includes(s.code);
                return (
                  <label key={s.code} className="flex items-center gap-2 rounded px-1 py-1 text-sm hover:bg-slate-50">
                    <input
                      type="checkbox"
                      checked={checked}
                      disabled={!checked && full}
                      onChange={(e) => toggle(s.code, e.target.checked)}
                      className="h-4 w-4 accent-brand-600"
                    />
                    {s.label}
                  </label>
                );
              })}
            </div>
          </fieldset>
        ))}
      </div>
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
