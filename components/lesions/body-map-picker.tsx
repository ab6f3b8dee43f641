"use client";
/**
 * Placing a new lesion's optional point on the body map (SPEC §15). A click on the outline puts
 * the point there; two labelled sliders (across, down) move it with the keyboard or a screen
 * reader — native range inputs, so no custom 2-D widget is needed — and a button removes it.
 */
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { BodyOutline, MAP_H, MAP_W, MapMarker } from "./body-map";

type Point = { x: number; y: number };

const pct = (v: number) => Math.round(v * 100);

export function BodyMapPicker({ value, onChange }: { value: Point | null; onChange: (p: Point | null) => void }) {
  const id = useId();
  const place = (e: React.MouseEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const clamp = (v: number) => Math.min(1, Math.max(0, Math.round(v * 100) / 100));
    onChange({ x: clamp((e.clientX - r.left) / r.width), y: clamp((e.clientY - r.top) / r.height) });
  };
  const slider = (axis: "x" | "y", label: string) => (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={`${id}-${axis}`}>
        {label} <span className="tabular-nums text-slate-600">({pct(value![axis])} %)</span>
      </label>
      <input
        id={`${id}-${axis}`}
        type="range"
        min={0}
        max={100}
        value={pct(value![axis])}
        onChange={(e) => onChange({ ...value!, [axis]: Number(e.target.value) / 100 })}
        aria-valuetext={`${pct(value![axis])} %`}
        className="w-44 accent-brand-600"
      />
    </div>
  );
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">Point on the body map (optional)</legend>
      <p className="text-xs text-slate-600">Front view: the patient&apos;s right is on the left. Click the outline, or use the sliders.</p>
      <div className="flex flex-wrap items-start gap-4">
        {/* Mouse convenience only: the sliders below are the accessible way to place the point. */}
        <svg viewBox={`0 0 ${MAP_W} ${MAP_H}`} className="h-48 w-24 cursor-crosshair rounded bg-white ring-1 ring-slate-200" aria-hidden="true" onClick={place}>
          <BodyOutline />
          {value && <MapMarker point={value} />}
        </svg>
        <div className="space-y-2">
          {value ? (
            <>
              {slider("x", "Across, from the patient's right to left")}
              {slider("y", "Down, from the head to the feet")}
              <Button type="button" variant="secondary" onClick={() => onChange(null)}>
                Remove the point
              </Button>
            </>
          ) : (
            <Button type="button" variant="secondary" onClick={() => onChange({ x: 0.5, y: 0.5 })}>
              Place a point
            </Button>
          )}
        </div>
      </div>
    </fieldset>
  );
}
