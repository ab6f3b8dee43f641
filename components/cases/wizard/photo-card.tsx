"use client";
/**
 * One photo in the wizard, in exactly one of the five states of SPEC §16 (photo-state.ts), named
 * in a badge the screen reader hears change: Saved on this device (encrypted, sent automatically) ·
 * Uploading n % · Processing · Ready (thumbnail, quality verdict, plain-language advice per flag) ·
 * Needs attention (the reason, and a Retake button that opens the camera for the same view and site).
 */
import type { ReactNode } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";
import { adviceFor } from "@/lib/photos/quality";
import type { PhotoFlag } from "@/lib/db/schema/enums";
import { stateLabel, type PhotoState } from "./photo-state";
import type { PhotoItem } from "./use-photos";
import { labelOf, VIEW_LABEL } from "@/lib/vocabulary";
import { siteLabel } from "../format";

const TONE: Record<PhotoState, BadgeTone> = { saved: "brand", uploading: "info", processing: "info", ready: "success", attention: "danger" };
const PLACEHOLDER: Record<PhotoState, string> = { saved: "Not sent yet", uploading: "Sending…", processing: "Preparing…", ready: "Preparing…", attention: "No image" };

type Props = { item: PhotoItem; index: number; onRemove: (item: PhotoItem) => void; onRetake?: (item: PhotoItem, file: File) => void; children?: ReactNode };

export function PhotoCard({ item, index, onRemove, onRetake, children }: Props) {
  const name = `Photo ${index + 1}`;
  const what = `${labelOf(VIEW_LABEL, item.view)}, ${siteLabel(item.bodySite)}`;
  const flags = (item.photo?.quality?.flags ?? []) as PhotoFlag[];
  const { phase } = item;
  return (
    <li className="flex gap-3 rounded-lg border border-slate-200 bg-white p-3" aria-label={name}>
      <div className="h-24 w-24 shrink-0 overflow-hidden rounded-md bg-slate-100">
        {phase === "ready" && item.photo ? (
          // eslint-disable-next-line @next/next/no-img-element -- authorized, uncached PHI image
          <img src={`/api/v1/photos/${item.photo.id}/image?variant=thumb`} alt={`${name}: ${what}`} className="h-full w-full object-cover" />
        ) : (
          <span className="flex h-full items-center justify-center p-1 text-center text-xs text-slate-600">{PLACEHOLDER[phase]}</span>
        )}
      </div>
      <div className="min-w-0 flex-1 space-y-2">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <p className="text-sm font-medium">
            {name} <span className="font-normal text-slate-600">· {what}</span>
          </p>
          <div className="flex gap-2">
            {phase === "attention" && onRetake && <RetakeButton name={name} onFile={(file) => onRetake(item, file)} disabled={item.removing} />}
            <Button type="button" variant="secondary" className="px-3 py-1" onClick={() => onRemove(item)} disabled={item.removing || phase === "uploading"}>
              {item.removing ? "Removing…" : "Remove"}
              <span className="sr-only"> {name}</span>
            </Button>
          </div>
        </div>
        <div aria-live="polite" className="space-y-1">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <Badge tone={TONE[phase]}>
              <span data-testid="photo-state">{stateLabel(phase, item.progress)}</span>
            </Badge>
            {phase === "saved" && <span className="text-slate-700">Encrypted here; it is sent automatically when the connection returns.</span>}
            {phase === "processing" && <span className="text-slate-700">Uploaded · checking quality…</span>}
          </p>
          {phase === "attention" && (
            <p role="alert" className="text-sm text-red-800">
              {item.reason ?? "This photo could not be used."} Retake it, or remove it.
            </p>
          )}
          {phase === "ready" && <Verdict flags={flags} width={item.photo?.width ?? null} height={item.photo?.height ?? null} />}
          {item.error && (
            <p role="alert" className="text-sm text-red-800">
              {item.error}
            </p>
          )}
        </div>
        {item.fileName && phase !== "ready" && <p className="truncate text-xs text-slate-600">{item.fileName}</p>}
        {(phase === "saved" || phase === "uploading" || phase === "processing") && <Precheck flags={item.precheck} />}
        {phase === "uploading" && <ProgressBar label={`Upload of ${name.toLowerCase()}`} value={item.progress * 100} />}
        {phase === "ready" && children}
      </div>
    </li>
  );
}

/** The camera again, for the same view and body site; never the gallery's write path (see step-photos). */
function RetakeButton({ name, onFile, disabled }: { name: string; onFile: (file: File) => void; disabled?: boolean }) {
  return (
    <label className="inline-flex cursor-pointer items-center rounded-md bg-brand-600 px-3 py-1 text-sm font-medium text-white shadow-sm hover:bg-brand-700 has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600">
      Retake<span className="sr-only"> {name}</span>
      <input
        type="file"
        accept="image/*"
        capture="environment"
        disabled={disabled}
        className="sr-only"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (file) onFile(file);
        }}
      />
    </label>
  );
}

/** The browser's pre-check while the photo uploads: retake at once instead of after the worker's verdict. */
function Precheck({ flags }: { flags: PhotoFlag[] | null | undefined }) {
  if (flags === undefined) return <p className="text-xs text-slate-600">Checking focus and light on this device…</p>;
  if (flags === null) return null;
  if (flags.length === 0) return <p className="text-xs text-slate-700">Checked on this device: focus and light look good.</p>;
  return (
    <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950">
      <p className="font-medium">Checked on this device: consider retaking this photo now.</p>
      <ul className="list-disc pl-5">
        {flags.map((f) => (
          <li key={f}>{adviceFor(f)}</li>
        ))}
      </ul>
    </div>
  );
}

function Verdict({ flags, width, height }: { flags: PhotoFlag[]; width: number | null; height: number | null }) {
  const size = width && height ? `${width} × ${height} px` : null;
  if (flags.length === 0) {
    return (
      <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
        <Badge tone="success">Good quality</Badge>
        {size}
      </p>
    );
  }
  return (
    <div className="space-y-1 text-sm">
      <p className="flex flex-wrap items-center gap-2">
        <Badge tone="warning">Check quality</Badge>
        <span className="text-slate-700">{size}</span>
      </p>
      <ul className="list-disc space-y-0.5 pl-5 text-amber-900">
        {flags.map((f) => (
          <li key={f}>{adviceFor(f)}</li>
        ))}
      </ul>
    </div>
  );
}
