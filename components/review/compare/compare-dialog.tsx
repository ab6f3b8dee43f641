"use client";
/**
 * Compare (SPEC §15): the lesion of the photo under review across the patient's referrals — two
 * photos side by side (earliest and the current one by default, either can be changed), zoomed
 * and panned together (one zoom-pan state for both panes: wheel, drag, + / − / 0 / arrows), or
 * laid over each other with an opacity slider; date badges on each; the size over time as a
 * chart with its table. The right photo is registered on the left one (use-alignment.ts): from
 * the calibration stickers the same mm per screen pixel, turned alike and centred on the lesion;
 * without a scale on either, aligned by hand (Shift + arrows, [ ], { }, Shift + drag, buttons).
 * The ruler and outline (measure-tools, the viewer's own) work on the pane
 * chosen under "Measure on", keyboard included. Data is the lesion timeline read through the one
 * client. Keys: c or Esc closes.
 */
import { useEffect, useRef, useState } from "react";
import type { LesionTimelineDto } from "@/lib/lesions/timeline";
import { bodySiteLabel } from "@/lib/codes/body-sites";
import { labelOf, VIEW_LABEL } from "@/lib/vocabulary";
import { api } from "@/components/api/client";
import { formatDate } from "@/components/cases/format";
import { RadioGroup } from "@/components/ui/radio-group";
import { SelectField } from "@/components/ui/select-field";
import { isTypingTarget } from "../keyboard";
import { MeasurePanel, useMeasureTools } from "../measure-tools";
import { Modal } from "../modal";
import { useZoomPan } from "../use-zoom-pan";
import { toolButton, ZoomButtons } from "../zoom-buttons";
import { AlignControls } from "./align-controls";
import { BodyMapPoint } from "@/components/lesions/body-map";
import { ComparePane } from "./compare-pane";
import { LesionSizeChart } from "./lesion-size-chart";
import { useAlignment, useAlignmentKeys } from "./use-alignment";

type Props = { lesionId: string; currentPhotoId: string; currentCaseId: string; onClose: () => void };
type Side = "left" | "right";

export function CompareDialog({ open, ...props }: Props & { open: boolean }) {
  return (
    <Modal open={open} onClose={props.onClose} title="Compare the lesion over time" wide>
      <CompareView {...props} />
    </Modal>
  );
}

function CompareView({ lesionId, currentPhotoId, currentCaseId, onClose }: Props) {
  const [timeline, setTimeline] = useState<LesionTimelineDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [leftId, setLeftId] = useState<string | null>(null);
  const [rightId, setRightId] = useState<string | null>(null);
  const [mode, setMode] = useState<"side" | "overlay">("side");
  const [opacity, setOpacity] = useState(0.5);
  const [measureOn, setMeasureOn] = useState<Side>("right");
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    void api<LesionTimelineDto>(`/api/v1/lesions/${lesionId}/timeline`).then((r) => {
      if (!live) return;
      if (!r.ok) return setError(r.message);
      const entries = r.data.entries;
      setTimeline(r.data);
      setLeftId(entries[0]?.photo.id ?? null);
      setRightId(entries.find((e) => e.photo.id === currentPhotoId)?.photo.id ?? entries[entries.length - 1]?.photo.id ?? null);
      // Focus off the Close button, so Enter places a ruler point instead of closing Compare.
      setTimeout(() => root.current?.focus(), 0);
    });
    return () => {
      live = false;
    };
  }, [lesionId, currentPhotoId]);

  const entries = timeline?.entries ?? [];
  const left = entries.find((e) => e.photo.id === leftId);
  const right = entries.find((e) => e.photo.id === rightId);
  const align = useAlignment(left?.photo, right?.photo);
  const measureLeft = useMeasureTools(left?.photo, measureOn === "left");
  const measureRight = useMeasureTools(right?.photo, measureOn === "right", align?.turnDeg);
  const active = measureOn === "left" ? measureLeft : measureRight;
  const activePhoto = measureOn === "left" ? left?.photo : right?.photo;
  const zp = useZoomPan({ keys: true, canDrag: () => active.tool === "off" });
  useAlignmentKeys(align, active.tool === "off");

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "c" || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      e.preventDefault();
      onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  if (error) return <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-800">{error}</p>;
  if (!timeline) return <p role="status" className="text-sm text-slate-600">Loading the lesion&apos;s photos…</p>;

  const { lesion } = timeline;
  const options = entries.map((e, i) => ({
    value: e.photo.id,
    label: `${i + 1}. Uploaded ${formatDate(e.photo.createdAt)} · ${labelOf(VIEW_LABEL, e.photo.view)}${e.referral.caseId === currentCaseId ? " · this referral" : ""}`,
  }));
  const switchMeasure = (side: Side) => {
    active.setTool("off");
    setMeasureOn(side);
  };

  return (
    <div ref={root} tabIndex={-1} className="space-y-3 outline-none">
      <div className="flex flex-wrap items-start gap-3">
        <p className="mr-auto text-sm text-slate-700">
          <strong>{lesion.label}</strong> · {bodySiteLabel(lesion.bodySite) ?? lesion.bodySite} · {entries.length} photo{entries.length === 1 ? "" : "s"} across{" "}
          {new Set(entries.map((e) => e.referral.caseId)).size} referral{new Set(entries.map((e) => e.referral.caseId)).size === 1 ? "" : "s"}
        </p>
        {lesion.bodyMapPoint && <BodyMapPoint point={lesion.bodyMapPoint} label={lesion.label} />}
        <button type="button" className={toolButton} onClick={onClose} aria-label="Close Compare (c or Esc)">
          Close
        </button>
      </div>
      {entries.length < 2 && (
        <p role="status" className="rounded-md bg-slate-50 p-2 text-sm text-slate-700">
          {entries.length === 0 ? "No processed photo of this lesion yet." : "Only one photo of this lesion so far: there is nothing earlier to compare it with yet."}
        </p>
      )}
      {left && right && (
        <>
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <SelectField label="Left photo (earlier)" value={left.photo.id} onChange={(e) => setLeftId(e.target.value)} options={options} />
            <SelectField label="Right photo (later)" value={right.photo.id} onChange={(e) => setRightId(e.target.value)} options={options} />
            <RadioGroup legend="View" name="compare-mode" value={mode} onChange={(v) => setMode(v as "side" | "overlay")} options={[{ value: "side", label: "Side by side" }, { value: "overlay", label: "Overlay" }]} />
            <RadioGroup legend="Measure on" name="compare-measure" value={measureOn} onChange={(v) => switchMeasure(v as Side)} options={[{ value: "left", label: "Left" }, { value: "right", label: "Right" }]} />
          </div>
          {mode === "overlay" && (
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <label htmlFor="compare-opacity" className="font-medium text-slate-700">
                Opacity of the right photo over the left
              </label>
              <input
                id="compare-opacity"
                type="range"
                min={0}
                max={100}
                step={5}
                value={Math.round(opacity * 100)}
                onChange={(e) => setOpacity(Number(e.target.value) / 100)}
                aria-valuetext={`${Math.round(opacity * 100)} %`}
                className="w-48 accent-brand-600"
              />
              <output htmlFor="compare-opacity">{Math.round(opacity * 100)} %</output>
            </div>
          )}
          <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Zoom both photos">
            <ZoomButtons zp={zp} />
            <span className="text-xs text-slate-600">Both photos zoom and pan together: wheel, drag, + / − / 0, arrow keys.</span>
          </div>
          {align && <AlignControls align={align} />}
          {align && mode === "side" ? (
            <div className="grid gap-3 md:grid-cols-2">
              <ComparePane name="Left photo" reference={left.photo} base={{ entry: left, measure: measureLeft }} zp={zp} currentCaseId={currentCaseId} measuring={measureOn === "left" ? "base" : null} />
              <ComparePane name="Right photo" reference={left.photo} over={{ layer: { entry: right, measure: measureRight }, align }} zp={zp} currentCaseId={currentCaseId} measuring={measureOn === "right" ? "over" : null} />
            </div>
          ) : align ? (
            <ComparePane
              name="Overlay of the two photos"
              reference={left.photo}
              base={{ entry: left, measure: measureLeft }}
              over={{ layer: { entry: right, measure: measureRight }, align }}
              opacity={opacity}
              zp={zp}
              currentCaseId={currentCaseId}
              measuring={measureOn === "left" ? "base" : "over"}
            />
          ) : null}
          {activePhoto && (
            <>
              {activePhoto.caseId !== currentCaseId && (
                <p className="text-sm text-slate-700">
                  This photo belongs to an earlier referral: a ruler or outline on it shows its millimetres here, but only photos of the referral under review can be saved.
                </p>
              )}
              <MeasurePanel photo={activePhoto} m={active} />
            </>
          )}
        </>
      )}
      {entries.length > 0 && <LesionSizeChart entries={entries} currentCaseId={currentCaseId} />}
    </div>
  );
}
