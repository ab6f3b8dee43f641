/**
 * "Download DICOM": the case's study as a zip of DICOM objects (one per processed photo), for
 * filing in a PACS by hand. A plain link: the browser shows the download's progress, and the
 * route authorizes and audits it.
 */
import type { PhotoDto } from "@/lib/photos/dto";

export function DicomDownload({ caseId, photos }: { caseId: string; photos: Pick<PhotoDto, "status">[] }) {
  const ready = photos.filter((p) => p.status === "ready").length;
  if (ready === 0) return null;
  return (
    <a
      href={`/api/v1/cases/${caseId}/dicom`}
      download
      className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600"
    >
      Download DICOM
      <span className="ml-1 text-xs font-normal text-slate-600">({ready === 1 ? "1 image" : `${ready} images`})</span>
    </a>
  );
}
