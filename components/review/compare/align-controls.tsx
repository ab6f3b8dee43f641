"use client";
/**
 * Buttons for the correction by hand of Compare's alignment (use-alignment.ts), each naming its
 * key, with the current correction said in words (live) and "Reset alignment" back to the
 * registration. Resizing is offered only without a scale: with stickers on both photos the sizes
 * are equal by construction.
 */
import { toolButton } from "../zoom-buttons";
import type { Alignment } from "./use-alignment";

export function AlignControls({ align }: { align: Alignment }) {
  const s = align.step;
  return (
    <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Align the right photo on the left one">
      <span className="text-sm font-medium text-slate-700">Align the right photo:</span>
      <button type="button" className={toolButton} onClick={() => align.moveBy(-s, 0)} aria-label="Move the right photo left (Shift + ←)">
        ←
      </button>
      <button type="button" className={toolButton} onClick={() => align.moveBy(s, 0)} aria-label="Move the right photo right (Shift + →)">
        →
      </button>
      <button type="button" className={toolButton} onClick={() => align.moveBy(0, -s)} aria-label="Move the right photo up (Shift + ↑)">
        ↑
      </button>
      <button type="button" className={toolButton} onClick={() => align.moveBy(0, s)} aria-label="Move the right photo down (Shift + ↓)">
        ↓
      </button>
      <button type="button" className={toolButton} onClick={() => align.turnBy(-1)} aria-label="Turn the right photo 1° anticlockwise ([)">
        ⟲ 1°
      </button>
      <button type="button" className={toolButton} onClick={() => align.turnBy(1)} aria-label="Turn the right photo 1° clockwise (])">
        ⟳ 1°
      </button>
      {align.canResize && (
        <>
          <button type="button" className={toolButton} onClick={() => align.resizeBy(1 / 1.01)} aria-label="Make the right photo 1 % smaller ({)">
            Smaller
          </button>
          <button type="button" className={toolButton} onClick={() => align.resizeBy(1.01)} aria-label="Make the right photo 1 % larger (})">
            Larger
          </button>
        </>
      )}
      <button type="button" className={toolButton} onClick={align.reset} disabled={!align.byHand}>
        Reset alignment
      </button>
      <output aria-live="polite" className="text-xs text-slate-600">
        {align.summary} Shift + arrows or Shift + drag move, [ ] turn{align.canResize ? ", { } resize" : ""}.
      </output>
    </div>
  );
}
