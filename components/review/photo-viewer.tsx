"use client";
/**
 * The review photo viewer: zoom (buttons, wheel, + / −), pan (drag, arrow keys), full screen (f)
 * and next/previous (j / k). It owns its shortcuts; the review screen only switches them off while
 * a dialog is open. Images come only from the authorized no-store route; "full resolution" opens
 * the master rendition.
 */
import { useEffect, useRef, useState } from "react";
import type { PhotoDto } from "@/lib/photos/dto";
import { bodySiteLabel } from "@/lib/codes/body-sites";
import { isTypingTarget } from "./keyboard";
import { useWindowKeys } from "./use-window-keys";
import { labelOf, VIEW_LABEL } from "@/lib/vocabulary";
import { MeasureOverlay, MeasurePanel, useMeasureTools } from "./measure-tools";
import { useZoomPan } from "./use-zoom-pan";
import { toolButton as btn, ZoomButtons } from "./zoom-buttons";

/** `onShow` hears which photo is on screen (the review screen's Compare starts from its lesion). */
export function PhotoViewer({ photos, shortcuts, onShow }: { photos: PhotoDto[]; shortcuts: boolean; onShow?: (photo: PhotoDto | undefined) => void }) {
  const frame = useRef<HTMLDivElement>(null);
  const [index, setIndexRaw] = useState(0);
  const ready = photos.filter((p) => p.status === "ready");
  const photo = ready[index];
  const count = ready.length;
  const measure = useMeasureTools(photo, shortcuts);
  const zp = useZoomPan({ keys: shortcuts && count > 0, canDrag: () => measure.tool === "off" });
  const { reset } = zp;

  const setIndex = (i: number) => {
    setIndexRaw(i);
    reset();
  };
  const fullscreen = () => void frame.current?.requestFullscreen?.().catch(() => undefined);

  useEffect(() => onShow?.(photo), [onShow, photo]);

  useWindowKeys((e) => {
    if (!shortcuts || count === 0 || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
    if (e.key === "j") setIndexRaw((i) => (i + 1) % count);
    else if (e.key === "k") setIndexRaw((i) => (i - 1 + count) % count);
    else if (e.key === "f") void frame.current?.requestFullscreen?.().catch(() => undefined);
    else return;
    if (e.key !== "f") reset();
    e.preventDefault();
  });

  if (!photo) {
    return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">No processed photos on this case.</p>;
  }

  return (
    <section aria-label="Photos" className="space-y-2">
      <div
        ref={frame}
        className="relative flex h-[55vh] min-h-64 items-center justify-center overflow-hidden rounded-lg bg-slate-900 select-none"
        {...zp.frameProps}
      >
        {/* Image and measuring overlay share one transform, so drawings stay on the skin. */}
        <div className="relative max-w-full transition-transform duration-75" style={{ transform: zp.transform }}>
          {/* eslint-disable-next-line @next/next/no-img-element -- authorized, no-store PHI image: next/image would cache it */}
          <img
            key={photo.id}
            src={`/api/v1/photos/${photo.id}/image?variant=display`}
            alt={`${labelOf(VIEW_LABEL, photo.view)} photo of ${bodySiteLabel(photo.bodySite) ?? "body site"}, ${index + 1} of ${ready.length}`}
            className="block max-h-[55vh] max-w-full object-contain"
            draggable={false}
          />
          <MeasureOverlay photo={photo} m={measure} />
        </div>
        <p className="absolute left-2 top-2 rounded bg-black/60 px-2 py-0.5 text-xs text-white" aria-live="polite">
          {index + 1} / {ready.length} · {labelOf(VIEW_LABEL, photo.view)} · {bodySiteLabel(photo.bodySite) ?? photo.bodySite} · {Math.round(zp.zoom * 100)}%
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Photo controls">
        <button type="button" className={btn} onClick={() => setIndex((index - 1 + count) % count)} disabled={ready.length < 2} aria-label="Previous photo (k)">
          ‹ Prev
        </button>
        <button type="button" className={btn} onClick={() => setIndex((index + 1) % count)} disabled={ready.length < 2} aria-label="Next photo (j)">
          Next ›
        </button>
        <ZoomButtons zp={zp} />
        <button type="button" className={btn} onClick={fullscreen} aria-label="Full screen (f)">
          Full screen
        </button>
        <a className="text-sm text-brand-700 underline" href={`/api/v1/photos/${photo.id}/image?variant=master`} target="_blank" rel="noreferrer">
          Full resolution
        </a>
      </div>
      <MeasurePanel photo={photo} m={measure} />
      {ready.length > 1 && (
        <ul className="flex gap-2 overflow-x-auto pb-1" aria-label="All photos">
          {ready.map((p, i) => (
            <li key={p.id}>
              <button
                type="button"
                onClick={() => setIndex(i)}
                aria-current={i === index ? "true" : undefined}
                aria-label={`Photo ${i + 1}: ${labelOf(VIEW_LABEL, p.view)}`}
                className={`block h-14 w-14 overflow-hidden rounded ring-2 ${i === index ? "ring-brand-600" : "ring-transparent"}`}
              >
                {/* eslint-disable-next-line @next/next/no-img-element -- authorized, no-store PHI image */}
                <img src={`/api/v1/photos/${p.id}/image?variant=thumb`} alt="" className="h-full w-full object-cover" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
