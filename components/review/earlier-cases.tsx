/** The patient's earlier referrals beside the current one: photos and what was concluded then. */
import { bodySiteLabel } from "@/lib/codes/body-sites";
import type { EarlierCase } from "@/lib/reviews/earlier-cases";
import { DISPOSITION_LABEL } from "@/lib/vocabulary";

export function EarlierCases({ items }: { items: EarlierCase[] }) {
  return (
    <section aria-labelledby="earlier-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="earlier-heading" className="text-base font-semibold">
        Earlier referrals of this patient
      </h2>
      {items.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">None — this is the patient&apos;s first referral.</p>
      ) : (
        <ol className="mt-2 grid gap-3 sm:grid-cols-2">
          {items.map((c) => (
            <li key={c.id} className="rounded-md border border-slate-200 p-2 text-sm">
              <p className="font-medium">
                {c.submittedAt ? new Date(c.submittedAt).toLocaleDateString("en-GB", { timeZone: "UTC" }) : "—"} · {c.status.replace("_", " ")}
              </p>
              <p className="text-slate-600">{c.bodySites.map((s) => bodySiteLabel(s) ?? s).join(", ")}</p>
              {c.consultation && (
                <p>
                  {c.consultation.diagnosis}
                  {c.consultation.diagnosisCode ? ` (${c.consultation.diagnosisCode})` : ""} —{" "}
                  {DISPOSITION_LABEL[c.consultation.disposition as keyof typeof DISPOSITION_LABEL] ?? c.consultation.disposition}
                </p>
              )}
              {c.photos.length > 0 && (
                <ul className="mt-1 flex flex-wrap gap-1" aria-label="Earlier photos">
                  {c.photos.map((p) => (
                    <li key={p.id}>
                      <a href={`/api/v1/photos/${p.id}/image?variant=display`} target="_blank" rel="noreferrer" className="block h-20 w-20 overflow-hidden rounded">
                        {/* eslint-disable-next-line @next/next/no-img-element -- authorized, no-store PHI image */}
                        <img src={`/api/v1/photos/${p.id}/image?variant=thumb`} alt={`Earlier ${p.view} photo, ${bodySiteLabel(p.bodySite) ?? "body site"}`} className="h-full w-full object-cover" loading="lazy" />
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
