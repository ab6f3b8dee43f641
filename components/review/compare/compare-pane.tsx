"use client";
/**
 * One pane of Compare: a photo of the lesion with its date badges (upload date and referral),
 * zoomed and panned by the zoom-pan state it is given — Compare gives both panes the same one, so
 * they move together — with the measuring overlay on the photo.
 *
 * Every pane is the left (reference) photo's box: the left photo fills it; the right photo is a
 * layer placed in it by the registration (use-alignment.ts, lib/measure/registration.ts), alone in
 * the right pane and over the left photo at the chosen opacity in the overlay. The box carries the
 * zoom and pan and the layer its registration inside it, so the two compose by nesting and both
 * panes show the same skin at the same mm per screen pixel. Shift + drag moves the right photo.
 */
import { useRef } from "react";
import type { LesionTimelineEntry } from "@/lib/lesions/timeline";
import type { PhotoDto } from "@/lib/photos/dto";
import { screenShiftToReference } from "@/lib/measure/registration";
import { labelOf, VIEW_LABEL } from "@/lib/vocabulary";
import { formatDate } from "@/components/cases/format";
import { Badge } from "@/components/ui/badge";
import { MeasureOverlay, type MeasureState } from "../measure-tools";
import type { ZoomPan } from "../use-zoom-pan";
import type { Alignment } from "./use-alignment";

type Layer = { entry: LesionTimelineEntry; measure: MeasureState };

function Photo({ layer }: { layer: Layer }) {
  const { photo } = layer.entry;
  return (
    <>
      {/* eslint-disable-next-line @next/next/no-img-element -- authorized, no-store PHI image: next/image would cache it */}
      <img
        src={`/api/v1/photos/${photo.id}/image?variant=display`}
        alt={`${labelOf(VIEW_LABEL, photo.view)} photo of the lesion, uploaded ${formatDate(photo.createdAt)}`}
        className="block h-full w-full"
        draggable={false}
      />
      <MeasureOverlay photo={photo} m={layer.measure} sticker />
    </>
  );
}

/** The right photo, `moving.width / reference.width` of the box wide at its top-left, moved by the registration's CSS. */
function RegisteredLayer({ over, referenceWidth, opacity }: { over: { layer: Layer; align: Alignment }; referenceWidth: number; opacity: number }) {
  const { photo } = over.layer.entry;
  const mw = photo.width ?? 1, mh = photo.height ?? 1;
  return (
    <div
      data-registered=""
      className="pointer-events-none absolute top-0 left-0"
      style={{ width: `${(mw / referenceWidth) * 100}%`, aspectRatio: `${mw} / ${mh}`, transformOrigin: "0 0", transform: over.align.css, opacity }}
    >
      <Photo layer={over.layer} />
    </div>
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
  reference,
  base,
  over,
  opacity = 1,
  zp,
  currentCaseId,
  measuring,
}: {
  name: string;
  /** The left photo: its shape is the pane's box and its pixels the registration's frame. */
  reference: PhotoDto;
  /** The photo filling the box (the left one), absent in the right pane of side by side. */
  base?: Layer;
  /** The right photo, placed by `align`; absent in the left pane of side by side. */
  over?: { layer: Layer; align: Alignment };
  opacity?: number;
  zp: ZoomPan;
  currentCaseId: string;
  /** Which photo of this pane the measuring tools work on, if any (outlined and labelled). */
  measuring: "base" | "over" | null;
}) {
  const box = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number } | null>(null);
  const w = reference.width ?? 1, h = reference.height ?? 1;
  const overPrefix = [base ? `Over, ${Math.round(opacity * 100)} %` : "", measuring === "over" ? "Measuring" : ""].filter(Boolean).join(" · ") || undefined;
  const { frameProps } = zp;
  return (
    // A column whose caption takes the slack, so side-by-side frames line up whatever the badges' lines.
    <figure className="flex min-w-0 flex-col gap-1" aria-label={name}>
      <figcaption className="flex-1 space-y-1 text-sm">
        {base && <DateBadges entry={base.entry} currentCaseId={currentCaseId} prefix={[over ? "Below" : "", measuring === "base" ? "Measuring" : ""].filter(Boolean).join(" · ") || undefined} />}
        {over && (
          <>
            <DateBadges entry={over.layer.entry} currentCaseId={currentCaseId} prefix={overPrefix} />
            <span className="flex">
              <Badge tone={over.align.reg.calibrated ? "info" : "warning"}>{over.align.badge}</Badge>
            </span>
          </>
        )}
      </figcaption>
      <div
        className={`relative flex h-[42vh] min-h-56 items-center justify-center overflow-hidden rounded-lg bg-slate-900 select-none ${measuring ? "ring-2 ring-brand-600 ring-offset-2" : ""}`}
        {...frameProps}
        onPointerDown={(e) => {
          if (!e.shiftKey || !over) return frameProps.onPointerDown(e);
          (e.target as HTMLElement).setPointerCapture?.(e.pointerId);
          drag.current = { x: e.clientX, y: e.clientY };
        }}
        onPointerMove={(e) => {
          const d = drag.current, el = box.current;
          if (!d || !el || !over) return frameProps.onPointerMove(e);
          const [dx, dy] = screenShiftToReference(zp, { width: el.offsetWidth, height: el.offsetHeight }, w, [e.clientX - d.x, e.clientY - d.y]);
          over.align.moveBy(dx, dy);
          drag.current = { x: e.clientX, y: e.clientY };
        }}
        onPointerUp={() => {
          drag.current = null;
          frameProps.onPointerUp();
        }}
        onPointerCancel={() => {
          drag.current = null;
          frameProps.onPointerCancel();
        }}
      >
        <div
          ref={box}
          data-zoom-pan=""
          className="relative transition-transform duration-75"
          style={{ aspectRatio: `${w} / ${h}`, width: `min(100%, calc(42vh * ${w / h}))`, transform: zp.transform }}
        >
          {base && <Photo layer={base} />}
          {over && <RegisteredLayer over={over} referenceWidth={w} opacity={opacity} />}
        </div>
        <p className="absolute bottom-2 left-2 rounded bg-black/60 px-2 py-0.5 text-xs text-white">{Math.round(zp.zoom * 100)}%</p>
      </div>
    </figure>
  );
}
