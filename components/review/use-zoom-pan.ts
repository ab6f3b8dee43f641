"use client";
/**
 * Zoom and pan of a review photo — wheel, drag, double-click, and the keys + / − / 0 / arrows —
 * as one piece of state, so the photo viewer and Compare's two panes behave the same; Compare
 * hands one instance to both panes, which is what keeps them in sync. Pan offsets are screen
 * pixels of the frame; at zoom 1 the photo is centred.
 */
import { useCallback, useRef, useState } from "react";
import { isTypingTarget, usesArrowKeys } from "./keyboard";
import { useWindowKeys } from "./use-window-keys";

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 8;
const PAN_STEP = 60;

const clamp = (z: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.round(z * 100) / 100));

/**
 * `keys`: listen for the zoom/pan keys on the window (off while a dialog covers the owner).
 * `canDrag`: false while a measuring tool takes the pointer.
 */
export function useZoomPan({ keys, canDrag = () => true }: { keys: boolean; canDrag?: () => boolean }) {
  const [zoom, setZoom] = useState(1);
  const [offset, setOffset] = useState({ x: 0, y: 0 });
  const drag = useRef<{ x: number; y: number; ox: number; oy: number } | null>(null);

  const zoomBy = useCallback((f: number) => setZoom((z) => clamp(z * f)), []);
  const reset = useCallback(() => {
    setZoom(1);
    setOffset({ x: 0, y: 0 });
  }, []);

  useWindowKeys((e) => {
    if (!keys || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
    const step: Record<string, [number, number]> = { ArrowLeft: [PAN_STEP, 0], ArrowRight: [-PAN_STEP, 0], ArrowUp: [0, PAN_STEP], ArrowDown: [0, -PAN_STEP] };
    if (e.key === "+" || e.key === "=") zoomBy(1.5);
    else if (e.key === "-" || e.key === "_") zoomBy(1 / 1.5);
    else if (e.key === "0") reset();
    else if (step[e.key] && !usesArrowKeys(e.target)) {
      const [dx, dy] = step[e.key]!;
      setOffset((o) => ({ x: o.x + dx, y: o.y + dy }));
    } else return;
    e.preventDefault();
  });

  /** Spread on each frame element that zooms and pans. */
  const frameProps = {
    style: { cursor: zoom > 1 ? "grab" : "default", touchAction: "none" } as React.CSSProperties,
    onWheel: (e: React.WheelEvent) => zoomBy(e.deltaY < 0 ? 1.2 : 1 / 1.2),
    onPointerDown: (e: React.PointerEvent) => {
      if (zoom <= 1 || !canDrag()) return;
      (e.target as HTMLElement).setPointerCapture?.(e.pointerId);
      drag.current = { x: e.clientX, y: e.clientY, ox: offset.x, oy: offset.y };
    },
    onPointerMove: (e: React.PointerEvent) => {
      const d = drag.current;
      if (d) setOffset({ x: d.ox + e.clientX - d.x, y: d.oy + e.clientY - d.y });
    },
    onPointerUp: () => (drag.current = null),
    onPointerCancel: () => (drag.current = null),
    onDoubleClick: () => setZoom(zoom > 1 ? 1 : 2),
  };
  const shown = zoom <= MIN_ZOOM ? { x: 0, y: 0 } : offset;

  // `pan` is what `transform` shows, for callers that compose with it (lib/measure/registration.ts).
  return { zoom, pan: shown, zoomBy, reset, frameProps, transform: `translate(${shown.x}px, ${shown.y}px) scale(${zoom})` };
}

export type ZoomPan = ReturnType<typeof useZoomPan>;
