"use client";
/** The way into Compare under the review photos; says why it is off when the photo has no lesion. */
import type { PhotoDto } from "@/lib/photos/dto";

export function CompareButton({ photo, onOpen }: { photo: PhotoDto | undefined; onOpen: () => void }) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <button type="button" onClick={onOpen} disabled={!photo?.lesionId} className="rounded-md border border-slate-300 bg-white px-2.5 py-1 hover:bg-slate-50 disabled:text-slate-500">
        Compare this lesion over time <kbd className="text-xs">c</kbd>
      </button>
      {photo && !photo.lesionId && <span className="text-slate-600">This photo is not linked to a lesion.</span>}
    </div>
  );
}
