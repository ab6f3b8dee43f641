"use client";
/**
 * One pane of Compare: a photo of the lesion with its date badges (upload date and referral),
 * zoomed and panned by the zoom-pan state it is given — Compare gives both panes the same one, so
 * they move together — with the measuring overlay on the photo. In overlay mode a second photo
 * lies over the first at the chosen opacity, inside the same transform.
 */
import type { LesionTimelineEntry } from "@/lib/lesions/timeline";
import { labelOf, VIEW_LABEL } from "@/lib/vocabulary";
import { formatDate } from "@/components/cases/format";
import { Badge } from "@/components/ui/badge";
import { MeasureOverlay, type MeasureState } from "../measure-tools";
import type { ZoomPan } from "../use-zoom-pan";

type Layer = { entry: LesionTimelineEntry; measure: MeasureState };

function Photo({ layer, className }: { layer: Layer; className: string }) {
  const { photo } = layer.entry;
  return (
    <>
      {/* eslint-disable-next-line @next/next/no-img-element -- authorized, no-store PHI image: next/image would cache it */}
      <img
        src={`/api/v1/photos/${photo.id}/image?variant=display`}
        alt={`${labelOf(VIEW_LABEL, photo.view)} photo of the lesion, uploaded ${formatDate(photo.createdAt)}`}
        className={className}
        draggable={false}
      />
      <MeasureOverlay photo={photo} m={layer.measure} />
    </>
  );
}

export function DateBadges({ entry, currentCaseId, prefix }: { entry: LesionTimelineEntry; currentCaseId: string; prefix?: string }) {
  const sent = entry.referral.submittedAt;
  return (
    <span className="flex flex-wrap gap-1">
      {prefix && <Badge tone="neutral">{prefix}</Badge>}
      <Badge tone="info">Uploaded {formatDate(entry.photo.createdAt)}</Badge>
      <Badge tone={entry.referral.caseId === currentCaseId ? "brand" : "neutral"}>
        {sent ? `Referral of ${formatDate(sent)}` : "Referral not sent yet"}
        {entry.referral.caseId === currentCaseId ? " · this referral" : ""}
      </Badge>
    </span>
  );
}

export function ComparePane({
  name,
  base,
  over,
  opacity,
  zp,
  currentCaseId,
  measuring,
}: {
  name: string;
  base: Layer;
  over?: Layer;
  opacity?: number;
  zp: ZoomPan;
  currentCaseId: string;
  /** Which photo of this pane the measuring tools work on, if any (outlined and labelled). */
  measuring: "base" | "over" | null;
}) {
  return (
    <figure className="min-w-0 space-y-1" aria-label={name}>
      <figcaption className="space-y-1 text-sm">
        <DateBadges entry={base.entry} currentCaseId={currentCaseId} prefix={[over ? "Below" : "", measuring === "base" ? "Measuring" : ""].filter(Boolean).join(" · ") || undefined} />
        {over && <DateBadges entry={over.entry} currentCaseId={currentCaseId} prefix={`Over, ${Math.round((opacity ?? 0) * 100)} %${measuring === "over" ? " · Measuring" : ""}`} />}
      </figcaption>
      <div
        className={`relative flex h-[42vh] min-h-56 items-center justify-center overflow-hidden rounded-lg bg-slate-900 select-none ${measuring ? "ring-2 ring-brand-600 ring-offset-2" : ""}`}
        {...zp.frameProps}
      >
        <div className="relative max-w-full transition-transform duration-75" style={{ transform: zp.transform }}>
          <Photo layer={base} className="block max-h-[42vh] max-w-full object-contain" />
          {over && (
            <div className="pointer-events-none absolute inset-0 flex items-center justify-center" style={{ opacity }}>
              <div className="relative max-h-full max-w-full">
                <Photo layer={over} className="block max-h-[42vh] max-w-full object-contain" />
              </div>
            </div>
          )}
        </div>
        <p className="absolute bottom-2 left-2 rounded bg-black/60 px-2 py-0.5 text-xs text-white">{Math.round(zp.zoom * 100)}%</p>
      </div>
    </figure>
  );
}
