"use client";
/** Zoom in / out / reset buttons of a zoom-pan state (the photo viewer's and Compare's toolbars). */
import { MAX_ZOOM, MIN_ZOOM, type ZoomPan } from "./use-zoom-pan";

export const toolButton = "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm hover:bg-slate-50 disabled:text-slate-400";

export function ZoomButtons({ zp }: { zp: ZoomPan }) {
  return (
    <>
      <button type="button" className={toolButton} onClick={() => zp.zoomBy(1.5)} disabled={zp.zoom >= MAX_ZOOM} aria-label="Zoom in (+)">
        +
      </button>
      <button type="button" className={toolButton} onClick={() => zp.zoomBy(1 / 1.5)} disabled={zp.zoom <= MIN_ZOOM} aria-label="Zoom out (−)">
        −
      </button>
      <button type="button" className={toolButton} onClick={zp.reset} aria-label="Reset zoom (0)">
        Reset
      </button>
    </>
  );
}
