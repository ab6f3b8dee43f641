"use client";
/**
 * How Compare lays the right photo over the left one (SPEC §15): the registration of
 * lib/measure/registration.ts — from the calibration stickers when both photos have one, else the
 * raw fit — plus the dermatologist's correction by hand. One state for both views, so the
 * side-by-side panes and the overlay show the same alignment; a new pair of photos starts clean.
 *
 * Keys (useAlignmentKeys; while no measuring tool is on, outside fields, sliders and radio groups): Shift + arrows
 * move the right photo, [ and ] turn it by 1°, { and } shrink or grow it by 1 % (only without a
 * scale: with one the sizes are already equal). Captured before the zoom-pan keys, so a
 * Shift + arrow moves the photo and does not also pan.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import type { PhotoDto } from "@/lib/photos/dto";
import { adjusted, cssLayer, decompose, isAdjusted, NO_ADJUSTMENT, register, type ManualAlignment } from "@/lib/measure/registration";
import { isTypingTarget, usesArrowKeys } from "../keyboard";

/** Shift per key press, in percent of the reference photo's width. */
const MOVE_PERCENT = 1;

export function useAlignment(reference: PhotoDto | undefined, moving: PhotoDto | undefined) {
  const reg = useMemo(() => (reference && moving ? register(reference, moving) : null), [reference, moving]);
  const [manual, setManual] = useState<ManualAlignment>(NO_ADJUSTMENT);

  // Another pair of photos: start from its own registration (React's pattern for state derived from props).
  const pair = `${reference?.id}:${moving?.id}`;
  const [shownFor, setShownFor] = useState(pair);
  if (shownFor !== pair) {
    setShownFor(pair);
    setManual(NO_ADJUSTMENT);
  }

  /** Shift by (dx, dy) reference master pixels. */
  const moveBy = useCallback((dx: number, dy: number) => setManual((m) => ({ ...m, dx: m.dx + dx, dy: m.dy + dy })), []);
  const turnBy = useCallback((deg: number) => setManual((m) => ({ ...m, rotationDeg: Math.round((m.rotationDeg + deg) * 10) / 10 })), []);
  const resizeBy = useCallback((f: number) => setManual((m) => ({ ...m, scale: Math.round(m.scale * f * 1000) / 1000 })), []);
  const reset = useCallback(() => setManual(NO_ADJUSTMENT), []);

  if (!reg || !moving) return null;
  const transform = adjusted(reg, manual);
  const byHand = isAdjusted(manual);
  const badge = reg.calibrated
    ? `Registered on the calibration stickers: same mm per screen pixel, centred on the ${reg.anchor === "lesion" ? "lesion" : "photo centres"}${byHand ? " · adjusted by hand" : ""}`
    : "Not calibrated — aligned by hand";
  const summary = byHand
    ? `Adjusted by hand: moved ${Math.round(manual.dx)}, ${Math.round(manual.dy)} px, turned ${manual.rotationDeg}°${manual.scale !== 1 ? `, size ${Math.round(manual.scale * 100)} %` : ""}.`
    : reg.calibrated
      ? "As registered on the stickers."
      : "Not adjusted yet.";
  return {
    reg,
    manual,
    byHand,
    badge,
    summary,
    css: cssLayer(transform, moving),
    /** How far the right photo is turned on screen, degrees (the measuring crosshair's arrows follow the screen). */
    turnDeg: decompose(transform).rotationDeg,
    step: ((reference?.width ?? 1000) * MOVE_PERCENT) / 100,
    canResize: !reg.calibrated,
    moveBy,
    turnBy,
    resizeBy,
    reset,
  };
}

export type Alignment = NonNullable<ReturnType<typeof useAlignment>>;

/**
 * The alignment keys on the window, `enabled` while no measuring tool is on. Called after the
 * measuring tools' hooks, so their capture listener (Shift + arrows move the crosshair) comes first.
 */
export function useAlignmentKeys(align: Alignment | null, enabled: boolean) {
  const on = enabled && align !== null;
  const step = align?.step ?? 0, canResize = align?.canResize ?? false;
  const { moveBy, turnBy, resizeBy } = align ?? {};
  useEffect(() => {
    if (!on || !moveBy || !turnBy || !resizeBy) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target) || usesArrowKeys(e.target)) return;
      const arrows: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      if (e.shiftKey && arrows[e.key]) moveBy(...arrows[e.key]!);
      else if (e.key === "[" || e.key === "]") turnBy(e.key === "]" ? 1 : -1);
      else if (canResize && (e.key === "{" || e.key === "}")) resizeBy(e.key === "}" ? 1.01 : 1 / 1.01);
      else return;
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    window.addEventListener("keydown", onKey, { capture: true });
    return () => window.removeEventListener("keydown", onKey, { capture: true });
  }, [on, step, canResize, moveBy, turnBy, resizeBy]);
}
