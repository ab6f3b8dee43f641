"use client";
/**
 * Measuring on the review photo (SPEC §15): a ruler (drag, or place two points with the keyboard
 * → mm) and an outline (click or press Enter at each vertex → mm²), drawn in master-pixel
 * coordinates on an SVG laid over the image inside the viewer's zoom/pan transform, so they stay
 * on the skin while zooming and panning. The automatic outline is shown as a dashed suggestion.
 * Millimetres shown while drawing come from the photo's homography; the saved figure is the
 * server's. Without a scale the tools say so and measure nothing.
 *
 * Keys while a tool is on: arrows move the crosshair (Shift: 5×), Enter places a point,
 * Backspace removes the last one, Escape leaves the tool. `m` ruler, `o` outline.
 */
import { useCallback, useEffect, useState } from "react";
import type { PhotoDto } from "@/lib/photos/dto";
import { applyHomography, planeArea, planeDistance, type Homography, type Point } from "@/lib/measure/homography";
import { api } from "@/components/api/client";
import { isTypingTarget } from "./keyboard";

export type Tool = "off" | "ruler" | "outline";
type Saved = { id: string; kind: "ruler" | "outline"; points: [number, number][]; lengthMm: number | null; areaMm2: number | null };

const btn = "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm hover:bg-slate-50 disabled:text-slate-400";

function figures(photo: PhotoDto, tool: Tool, pts: Point[]): string | null {
  const h = photo.scale?.homography as Homography | undefined;
  if (!h || pts.length < 2) return null;
  if (tool === "ruler") return `${planeDistance(h, pts[0]!, pts[1]!).toFixed(1)} mm`;
  if (pts.length < 3) return null;
  return `${planeArea(h, pts).toFixed(1)} mm²`;
}

/**
 * State and keyboard of the tools for the shown photo. `turnDeg`: how far the photo is turned on
 * screen (Compare's registered layer), so the arrows move the crosshair in screen directions.
 */
export function useMeasureTools(photo: PhotoDto | undefined, enabled: boolean, turnDeg = 0) {
  const [tool, setToolRaw] = useState<Tool>("off");
  const [points, setPoints] = useState<Point[]>([]);
  const [cursor, setCursor] = useState<Point | null>(null);
  const [saved, setSaved] = useState<Saved[]>([]);
  const [status, setStatus] = useState<string>("");
  const photoId = photo?.id;

  const setTool = useCallback(
    (t: Tool) => {
      setToolRaw(t);
      setPoints([]);
      setCursor(t === "off" || !photo?.width || !photo.height ? null : [photo.width / 2, photo.height / 2]);
      setStatus(t !== "off" && !photo?.scale ? "This photo has no scale (no calibration sticker was found): it cannot be measured in millimetres." : "");
    },
    [photo],
  );

  // Another photo: start clean (during render, React's pattern for state derived from a prop).
  const [shownFor, setShownFor] = useState(photoId);
  if (shownFor !== photoId) {
    setShownFor(photoId);
    setToolRaw("off");
    setPoints([]);
    setCursor(null);
    setSaved([]);
  }

  useEffect(() => {
    if (!photoId) return;
    let live = true;
    void api<{ items: Saved[] }>(`/api/v1/photos/${photoId}/measurements`).then((r) => {
      if (live && r.ok) setSaved(r.data.items);
    });
    return () => {
      live = false;
    };
  }, [photoId]);

  const place = useCallback(
    (p: Point) => {
      if (!photo?.scale) return;
      setPoints((cur) => (tool === "ruler" ? (cur.length >= 2 ? [p] : [...cur, p]) : [...cur, p]));
    },
    [photo, tool],
  );

  useEffect(() => {
    if (!enabled || !photo) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      if (e.key === "m" || e.key === "o") {
        e.preventDefault();
        const next = e.key === "m" ? "ruler" : "outline";
        setTool(tool === next ? "off" : next);
        return;
      }
      if (tool === "off" || !cursor || !photo.width) return;
      // Enter on a focused button (Save, the tool buttons) is that button's, not a new point.
      if (e.key === "Enter" && (e.target as HTMLElement | null)?.closest?.("button, a, [role=button]")) return;
      const step = (photo.width / 200) * (e.shiftKey ? 5 : 1);
      const move: Record<string, Point> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      if (move[e.key]) {
        const t = (-turnDeg * Math.PI) / 180;
        const [mx, my] = move[e.key]!;
        const [dx, dy] = [mx * Math.cos(t) - my * Math.sin(t), mx * Math.sin(t) + my * Math.cos(t)];
        setCursor([Math.min(photo.width, Math.max(0, cursor[0] + dx)), Math.min(photo.height ?? 0, Math.max(0, cursor[1] + dy))]);
      } else if (e.key === "Enter") place(cursor);
      else if (e.key === "Backspace") setPoints((cur) => cur.slice(0, -1));
      else if (e.key === "Escape") setTool("off");
      else return;
      // Capture: the viewer's own arrow keys (pan) must not also act while a tool is on.
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    window.addEventListener("keydown", onKey, { capture: true });
    return () => window.removeEventListener("keydown", onKey, { capture: true });
  }, [enabled, photo, tool, cursor, place, setTool, turnDeg]);

  const save = async () => {
    if (!photo) return;
    const r = await api<Saved>(`/api/v1/photos/${photo.id}/measurements`, { method: "POST", body: { kind: tool, points } });
    if (r.ok) {
      setSaved((s) => [...s, r.data]);
      setPoints([]);
      setStatus(`Saved: ${r.data.kind === "ruler" ? `${r.data.lengthMm?.toFixed(1)} mm` : `${r.data.areaMm2?.toFixed(1)} mm²`}.`);
    } else setStatus(r.message);
  };

  return { tool, setTool, points, setPoints, cursor, place, saved, save, status, live: photo ? figures(photo, tool, points) : null };
}

export type MeasureState = ReturnType<typeof useMeasureTools>;

/**
 * The SVG over the image: suggestion, saved measurements, the one being drawn and the crosshair;
 * with `sticker`, the calibration sticker found (Compare shows what its registration rests on).
 */
export function MeasureOverlay({ photo, m, sticker = false }: { photo: PhotoDto; m: MeasureState; sticker?: boolean }) {
  const w = photo.width ?? 1, h = photo.height ?? 1;
  const stroke = Math.max(w, h) / 400;
  // Through the SVG's screen matrix, which includes the CSS transforms above it (zoom, pan and
  // Compare's registration, rotation included); its bounding box would be wrong once rotated.
  const toImage = (e: React.PointerEvent<SVGSVGElement>): Point => {
    const ctm = e.currentTarget.getScreenCTM();
    if (ctm) {
      const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
      return [p.x, p.y];
    }
    const r = e.currentTarget.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * w, ((e.clientY - r.top) / r.height) * h];
  };
  const poly = (pts: [number, number][]) => pts.map((p) => p.join(",")).join(" ");
  const active = m.tool !== "off" && photo.scale !== null;
  return (
    <svg
      viewBox={`0 0 ${w} ${h}`}
      className="absolute inset-0 h-full w-full"
      style={{ pointerEvents: active ? "auto" : "none", cursor: active ? "crosshair" : undefined }}
      aria-hidden="true"
      onPointerDown={(e) => {
        if (!active) return;
        e.stopPropagation();
        const p = toImage(e);
        if (m.tool === "ruler") m.setPoints([p, p]);
        else m.place(p);
      }}
      onPointerMove={(e) => {
        if (active && m.tool === "ruler" && e.buttons === 1 && m.points.length === 2) m.setPoints([m.points[0]!, toImage(e)]);
      }}
    >
      {sticker && photo.scale && (
        <g data-sticker="" fill="#a3e635" stroke="none">
          <polygon points={poly(photo.scale.corners)} fill="none" stroke="#a3e635" strokeWidth={stroke} />
          {photo.scale.corners.map((p, i) => <circle key={i} data-corner={i} cx={p[0]} cy={p[1]} r={stroke * 1.5} />)}
        </g>
      )}
      {photo.measurement && <polygon points={poly(photo.measurement.outline)} fill="none" stroke="#38bdf8" strokeWidth={stroke} strokeDasharray={`${stroke * 4} ${stroke * 3}`} />}
      {m.saved.map((s) =>
        s.kind === "ruler" ? (
          <polyline key={s.id} points={poly(s.points)} fill="none" stroke="#facc15" strokeWidth={stroke} />
        ) : (
          <polygon key={s.id} points={poly(s.points)} fill="rgba(250,204,21,0.15)" stroke="#facc15" strokeWidth={stroke} />
        ),
      )}
      {m.points.length > 0 &&
        (m.tool === "ruler" ? (
          <polyline points={poly(m.points)} fill="none" stroke="#f97316" strokeWidth={stroke * 1.5} />
        ) : (
          <polygon points={poly(m.points)} fill="rgba(249,115,22,0.15)" stroke="#f97316" strokeWidth={stroke * 1.5} />
        ))}
      {m.points.map((p, i) => <circle key={i} cx={p[0]} cy={p[1]} r={stroke * 2.5} fill="#f97316" />)}
      {m.cursor && m.tool !== "off" && (
        <g stroke="#f97316" strokeWidth={stroke}>
          <line x1={m.cursor[0] - stroke * 10} y1={m.cursor[1]} x2={m.cursor[0] + stroke * 10} y2={m.cursor[1]} />
          <line x1={m.cursor[0]} y1={m.cursor[1] - stroke * 10} x2={m.cursor[0]} y2={m.cursor[1] + stroke * 10} />
        </g>
      )}
    </svg>
  );
}

/** Tool buttons, the live figure, the suggestion and the saved list, under the viewer. */
export function MeasurePanel({ photo, m }: { photo: PhotoDto; m: MeasureState }) {
  const h = photo.scale?.homography as Homography | undefined;
  const canSave = photo.scale !== null && ((m.tool === "ruler" && m.points.length === 2) || (m.tool === "outline" && m.points.length >= 3));
  return (
    <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm" aria-label="Measure">
      <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Measuring tools">
        <button type="button" className={btn} aria-pressed={m.tool === "ruler"} onClick={() => m.setTool(m.tool === "ruler" ? "off" : "ruler")}>
          Ruler (m)
        </button>
        <button type="button" className={btn} aria-pressed={m.tool === "outline"} onClick={() => m.setTool(m.tool === "outline" ? "off" : "outline")}>
          Outline (o)
        </button>
        {m.tool !== "off" && photo.scale && (
          <>
            <span className="text-slate-600">Arrows move, Enter places a point, Backspace undoes, Esc leaves.</span>
            <button type="button" className={btn} disabled={!canSave} onClick={() => void m.save()}>
              Save measurement
            </button>
          </>
        )}
      </div>
      <p aria-live="polite" className="text-slate-800">
        {m.live ? <strong>{m.tool === "ruler" ? "Length" : "Area"}: {m.live}</strong> : null} {m.status}
      </p>
      <p className="text-slate-600">
        {photo.scale
          ? `Scale from the calibration sticker (id ${photo.scale.markerId}, ${photo.scale.markerSideMm.toFixed(1)} mm, confidence ${Math.round(photo.scale.confidence * 100)} %).`
          : "No scale on this photo: no calibration sticker was found, so nothing on it can be measured in millimetres."}
        {photo.measurement &&
          ` Suggested outline (dashed): longest diameter ${photo.measurement.longestDiameterMm.toFixed(1)} mm, area ${photo.measurement.areaMm2.toFixed(1)} mm².`}
      </p>
      {m.saved.length > 0 && (
        <ul className="list-disc pl-5" aria-label="Saved measurements">
          {m.saved.map((s) => (
            <li key={s.id}>
              {s.kind === "ruler" ? `Ruler ${s.lengthMm?.toFixed(1)} mm` : `Outline ${s.areaMm2?.toFixed(1)} mm² (longest ${s.lengthMm?.toFixed(1)} mm)`}
            </li>
          ))}
        </ul>
      )}
      {h && m.cursor && m.tool !== "off" && <span className="sr-only">Crosshair at {applyHomography(h, m.cursor).map((v) => v.toFixed(1)).join(", ")} mm</span>}
    </div>
  );
}
