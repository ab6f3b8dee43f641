"use client";
/**
 * One photo in the wizard: upload progress, then "checking quality", then the thumbnail with the
 * quality verdict and plain-language advice for each flag, or the reason it was rejected.
 */
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";
import { adviceFor } from "@/lib/photos/quality";
import type { PhotoFlag } from "@/lib/db/schema/enums";
import type { PhotoItem } from "./use-photos";
import { labelOf, VIEW_LABEL } from "@/lib/vocabulary";
import { siteLabel } from "../format";

export function PhotoCard({ item, index, onRemove, children }: { item: PhotoItem; index: number; onRemove: (item: PhotoItem) => void; children?: ReactNode }) {
  const name = `Photo ${index + 1}`;
  const what = `${labelOf(VIEW_LABEL, item.view)}, ${siteLabel(item.bodySite)}`;
  const flags = (item.photo?.quality?.flags ?? []) as PhotoFlag[];
  return (
    <li className="flex gap-3 rounded-lg border border-slate-200 bg-white p-3" aria-label={name}>
      <div className="h-24 w-24 shrink-0 overflow-hidden rounded-md bg-slate-100">
        {item.phase === "ready" && item.photo ? (
          // eslint-disable-next-line @next/next/no-img-element -- authorized, uncached PHI image
          <img src={`/api/v1/photos/${item.photo.id}/image?variant=thumb`} alt={`${name}: ${what}`} className="h-full w-full object-cover" />
        ) : (
          <span className="flex h-full items-center justify-center p-1 text-center text-xs text-slate-500">
            {item.phase === "rejected" || item.phase === "failed" ? "No image" : "Preparing…"}
          </span>
        )}
      </div>
      <div className="min-w-0 flex-1 space-y-2">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <p className="text-sm font-medium">
            {name} <span className="font-normal text-slate-600">· {what}</span>
          </p>
          <Button type="button" variant="secondary" className="px-3 py-1" onClick={() => onRemove(item)} disabled={item.removing || item.phase === "uploading"}>
            {item.removing ? "Removing…" : "Remove"}
            <span className="sr-only"> {name}</span>
          </Button>
        </div>
        {item.fileName && (item.phase === "uploading" || item.phase === "processing" || item.phase === "failed") && <p className="truncate text-xs text-slate-500">{item.fileName}</p>}
        {(item.phase === "uploading" || item.phase === "processing") && <Precheck flags={item.precheck} />}
        {(item.phase === "uploading" || item.phase === "processing") && (
          <ProgressBar
            label={`Upload of ${name.toLowerCase()}`}
            value={item.progress * 100}
            detail={item.phase === "processing" ? "Uploaded · checking quality…" : undefined}
          />
        )}
        <div aria-live="polite">
          {item.phase === "ready" && <Verdict flags={flags} width={item.photo?.width ?? null} height={item.photo?.height ?? null} />}
          {item.phase === "rejected" && (
            <p className="text-sm text-red-800">
              <Badge tone="danger">Rejected</Badge> {item.photo?.rejectReason ?? "The file could not be read as an image."} Remove it and take the photo again.
            </p>
          )}
          {item.phase === "failed" && (
            <p role="alert" className="text-sm text-red-800">
              Upload failed: {item.error}
            </p>
          )}
          {item.error && item.phase !== "failed" && (
            <p role="alert" className="text-sm text-red-800">
              {item.error}
            </p>
          )}
        </div>
        {item.phase === "ready" && children}
      </div>
    </li>
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
