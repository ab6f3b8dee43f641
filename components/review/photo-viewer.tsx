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
import { labelOf, VIEW_LABEL } from "@/lib/vocabulary";
import { MeasureOverlay, MeasurePanel, useMeasureTools } from "./measure-tools";

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 8;
const PAN_STEP = 60;

const btn = "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm hover:bg-slate-50 disabled:text-slate-400";
const clamp = (z: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.round(z * 100) / 100));

export function PhotoViewer({ photos, shortcuts }: { photos: PhotoDto[]; shortcuts: boolean }) {
  const frame = useRef<HTMLDivElement>(null);
  const [index, setIndexRaw] = useState(0);
  const [zoom, setZoom] = useState(1);
  const [offset, setOffset] = useState({ x: 0, y: 0 });
  const drag = useRef<{ x: number; y: number; ox: number; oy: number } | null>(null);
  const ready = photos.filter((p) => p.status === "ready");
  const photo = ready[index];
  const count = ready.length;
  const measure = useMeasureTools(photo, shortcuts);

  const setIndex = (i: number) => {
    setIndexRaw(i);
    setZoom(1);
    setOffset({ x: 0, y: 0 });
  };
  const fullscreen = () => void frame.current?.requestFullscreen?.().catch(() => undefined);

  useEffect(() => {
    if (!shortcuts || count === 0) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      const step: Record<string, [number, number]> = { ArrowLeft: [PAN_STEP, 0], ArrowRight: [-PAN_STEP, 0], ArrowUp: [0, PAN_STEP], ArrowDown: [0, -PAN_STEP] };
      let handled = true;
      if (e.key === "j") {
        setIndexRaw((i) => (i + 1) % count);
        setZoom(1);
        setOffset({ x: 0, y: 0 });
      } else if (e.key === "k") {
        setIndexRaw((i) => (i - 1 + count) % count);
        setZoom(1);
        setOffset({ x: 0, y: 0 });
      } else if (e.key === "+" || e.key === "=") setZoom((z) => clamp(z * 1.5));
      else if (e.key === "-" || e.key === "_") setZoom((z) => clamp(z / 1.5));
      else if (e.key === "0") {
        setZoom(1);
        setOffset({ x: 0, y: 0 });
      } else if (e.key === "f") void frame.current?.requestFullscreen?.().catch(() => undefined);
      else if (step[e.key]) {
        const [dx, dy] = step[e.key]!;
        setOffset((o) => ({ x: o.x + dx, y: o.y + dy }));
      } else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [shortcuts, count]);

  if (!photo) {
    return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">No processed photos on this case.</p>;
  }

  const shown = zoom <= MIN_ZOOM ? { x: 0, y: 0 } : offset;

  return (
    <section aria-label="Photos" className="space-y-2">
      <div
        ref={frame}
        className="relative flex h-[55vh] min-h-64 items-center justify-center overflow-hidden rounded-lg bg-slate-900 select-none"
        style={{ cursor: zoom > 1 ? "grab" : "default", touchAction: "none" }}
        onWheel={(e) => setZoom(clamp(zoom * (e.deltaY < 0 ? 1.2 : 1 / 1.2)))}
        onPointerDown={(e) => {
          if (zoom <= 1 || measure.tool !== "off") return;
          (e.target as HTMLElement).setPointerCapture?.(e.pointerId);
          drag.current = { x: e.clientX, y: e.clientY, ox: offset.x, oy: offset.y };
        }}
        onPointerMove={(e) => {
          const d = drag.current;
          if (d) setOffset({ x: d.ox + e.clientX - d.x, y: d.oy + e.clientY - d.y });
        }}
        onPointerUp={() => (drag.current = null)}
        onPointerCancel={() => (drag.current = null)}
        onDoubleClick={() => setZoom(zoom > 1 ? 1 : 2)}
      >
        {/* Image and measuring overlay share one transform, so drawings stay on the skin. */}
        <div className="relative max-w-full transition-transform duration-75" style={{ transform: `translate(${shown.x}px, ${shown.y}px) scale(${zoom})` }}>
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
          {index + 1} / {ready.length} · {labelOf(VIEW_LABEL, photo.view)} · {bodySiteLabel(photo.bodySite) ?? photo.bodySite} · {Math.round(zoom * 100)}%
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Photo controls">
        <button type="button" className={btn} onClick={() => setIndex((index - 1 + count) % count)} disabled={ready.length < 2} aria-label="Previous photo (k)">
          ‹ Prev
        </button>
        <button type="button" className={btn} onClick={() => setIndex((index + 1) % count)} disabled={ready.length < 2} aria-label="Next photo (j)">
          Next ›
        </button>
        <button type="button" className={btn} onClick={() => setZoom(clamp(zoom * 1.5))} disabled={zoom >= MAX_ZOOM} aria-label="Zoom in (+)">
          +
        </button>
        <button type="button" className={btn} onClick={() => setZoom(clamp(zoom / 1.5))} disabled={zoom <= MIN_ZOOM} aria-label="Zoom out (−)">
          −
        </button>
        <button type="button" className={btn} onClick={() => { setZoom(1); setOffset({ x: 0, y: 0 }); }} aria-label="Reset zoom (0)">
          Reset
        </button>
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
