/** The photos of a case as thumbnails, each opening the display-size image in a new tab. */
import type { PhotoDto } from "@/lib/photos/dto";
import { labelOf, VIEW_LABEL } from "@/lib/vocabulary";
import { siteLabel } from "./format";

export function CasePhotos({ photos }: { photos: PhotoDto[] }) {
  if (photos.length === 0) return <p className="text-sm text-slate-600">No photos.</p>;
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
      {photos.map((p, i) => {
        const what = `${labelOf(VIEW_LABEL, p.view)}, ${siteLabel(p.bodySite)}`;
        return (
          <li key={p.id} className="text-sm">
            {p.status === "ready" ? (
              <a
                href={`/api/v1/photos/${p.id}/image?variant=display`}
                target="_blank"
                rel="noreferrer"
                className="block overflow-hidden rounded-md border border-slate-200 bg-slate-100 hover:border-brand-600"
              >
                {/* eslint-disable-next-line @next/next/no-img-element -- authorized, uncached PHI image */}
                <img src={`/api/v1/photos/${p.id}/image?variant=thumb`} alt={`Photo ${i + 1}: ${what} (opens the full image)`} className="aspect-square w-full object-cover" />
              </a>
            ) : (
              <div className="flex aspect-square items-center justify-center rounded-md border border-dashed border-slate-300 p-2 text-center text-xs text-slate-600">
                {p.status === "processing" ? "Processing…" : `Rejected: ${p.rejectReason ?? "unreadable file"}`}
              </div>
            )}
            <p className="mt-1 text-slate-700">{what}</p>
          </li>
        );
      })}
    </ul>
  );
}
