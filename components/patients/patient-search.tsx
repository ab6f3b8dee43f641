"use client";
/**
 * Find a patient of the clinic by name or MRN. Results are fetched as the user types (debounced)
 * and announced politely; `renderAction` lets each screen decide what choosing a patient does.
 */
import { useEffect, useId, useState } from "react";
import { api } from "@/components/api/client";
import type { Patient } from "@/components/cases/types";
import { formatDate, patientName } from "@/components/cases/format";

export function PatientSearch({ renderAction, refreshKey = 0 }: { renderAction: (p: Patient) => React.ReactNode; refreshKey?: number }) {
  const id = useId();
  const [q, setQ] = useState("");
  const [items, setItems] = useState<Patient[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(async () => {
      setLoading(true);
      const params = new URLSearchParams({ limit: "20" });
      if (q.trim()) params.set("q", q.trim());
      // The query goes in the API URL only (never the page URL), which is not logged with PHI.
      const r = await api<{ items: Patient[] }>(`/api/v1/patients?${params}`);
      if (cancelled) return;
      setLoading(false);
      if (!r.ok) return setError(r.message);
      setItems(r.data.items);
      setError(null);
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [q, refreshKey]);

  return (
    <div className="space-y-3">
      <div>
        <label htmlFor={`${id}-q`} className="block text-sm font-medium text-slate-700">
          Search patients by name or MRN
        </label>
        <input
          id={`${id}-q`}
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          autoComplete="off"
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-600"
        />
      </div>
      <p role="status" aria-live="polite" className="text-sm text-slate-600">
        {loading ? "Searching…" : error ? "" : items === null ? "" : items.length === 0 ? (q ? "No patient matches. Check the spelling or add the patient below." : "No patients yet. Add the first one below.") : `${items.length} patient${items.length === 1 ? "" : "s"} found`}
      </p>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      {items && items.length > 0 && (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Matching patients">
          {items.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
              <div>
                <p className="font-medium">{patientName(p)}</p>
                <p className="text-sm text-slate-600">
                  MRN {p.mrn} · born{" "}
                  <time dateTime={p.birthDate} suppressHydrationWarning>
                    {formatDate(`${p.birthDate}T12:00:00Z`)}
                  </time>
                </p>
              </div>
              {renderAction(p)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
