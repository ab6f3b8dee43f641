"use client";
/**
 * Review and submit: the referral as the dermatologist will read it, and the submit button. A
 * 422 from submit is listed item by item, each linking back to the step and field to fix.
 */
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { HistorySummary } from "../history-summary";
import type { Patient } from "../types";
import type { Requirement } from "./field-names";
import { stateLabel } from "./photo-state";
import type { PhotoItem } from "./use-photos";
import { labelOf, VIEW_LABEL } from "@/lib/vocabulary";
import { patientName, siteLabel } from "../format";

export function StepReview({
  patient,
  history,
  photos,
  missing,
  submitting,
  onSubmit,
  onGoTo,
  caseId,
}: {
  patient: Patient | null;
  history: Record<string, unknown>;
  photos: PhotoItem[];
  missing: Requirement[];
  submitting: boolean;
  onSubmit: () => void;
  onGoTo: (r: Requirement) => void;
  caseId: string;
}) {
  const ready = photos.filter((p) => p.phase === "ready");
  return (
    <div className="space-y-6">
      {missing.length > 0 && (
        <div role="alert" aria-labelledby="missing-heading" className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900">
          <h3 id="missing-heading" className="font-semibold">
            The referral cannot be sent yet. Still missing:
          </h3>
          <ul className="mt-2 list-disc space-y-1 pl-5" aria-label="Missing for submission">
            {missing.map((r) => (
              <li key={r.path}>
                <a
                  href={`/clinic/cases/${caseId}/edit?step=${r.step}#${r.targetId}`}
                  onClick={(e) => {
                    e.preventDefault();
                    onGoTo(r);
                  }}
                  className="font-medium underline"
                >
                  {r.label}
                </a>
                : {r.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h3 className="font-semibold">Patient</h3>
        <p className="mt-1 text-sm">{patient ? `${patientName(patient)} · MRN ${patient.mrn}` : "No patient chosen"}</p>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h3 className="font-semibold">History</h3>
        <HistorySummary history={history} />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h3 className="font-semibold">Photos</h3>
        {photos.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">No photos added.</p>
        ) : (
          <ul className="mt-2 flex flex-wrap gap-3">
            {photos.map((p, i) => (
              <li key={p.key} className="w-28 text-xs">
                <div className="h-28 w-28 overflow-hidden rounded-md bg-slate-100">
                  {p.phase === "ready" && p.photo && (
                    // eslint-disable-next-line @next/next/no-img-element -- authorized, uncached PHI image
                    <img src={`/api/v1/photos/${p.photo.id}/image?variant=thumb`} alt={`Photo ${i + 1}`} className="h-full w-full object-cover" />
                  )}
                </div>
                <p className="mt-1">{`${labelOf(VIEW_LABEL, p.view)}, ${siteLabel(p.bodySite)}`}</p>
                {p.phase !== "ready" && <Badge tone={p.phase === "attention" ? "danger" : "info"}>{stateLabel(p.phase, p.progress)}</Badge>}
              </li>
            ))}
          </ul>
        )}
        <p className="mt-2 text-sm text-slate-600">{ready.length} photo{ready.length === 1 ? "" : "s"} ready.</p>
      </section>
      <Button type="button" onClick={onSubmit} disabled={submitting} aria-busy={submitting} className="w-full sm:w-auto">
        {submitting ? "Sending…" : "Submit referral"}
      </Button>
    </div>
  );
}
