/** One referral in the clinic list: who, where on the body, where it stands, and a thumbnail. */
import Link from "next/link";
import { PriorityBadge, StatusBadge } from "./status-badges";
import type { CaseListItem } from "@/lib/cases/list";
import { formatDate, patientName, siteLabel } from "./format";

export function CaseRow({ item }: { item: CaseListItem }) {
  const href = item.status === "draft" ? `/clinic/cases/${item.id}/edit` : `/clinic/cases/${item.id}`;
  const sites = item.bodySites.map(siteLabel);
  return (
    <li className="relative flex gap-3 rounded-lg border border-slate-200 bg-white p-3 focus-within:ring-2 focus-within:ring-brand-600 hover:border-brand-600">
      <div className="h-16 w-16 shrink-0 overflow-hidden rounded-md bg-slate-100">
        {item.thumbnailPhotoId ? (
          // eslint-disable-next-line @next/next/no-img-element -- authorized, uncached PHI images; next/image would cache them
          <img src={`/api/v1/photos/${item.thumbnailPhotoId}/image?variant=thumb`} alt="" className="h-full w-full object-cover" loading="lazy" />
        ) : (
          <span className="flex h-full items-center justify-center text-xs text-slate-600">No photo</span>
        )}
      </div>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <Link href={href} className="font-medium text-slate-900 after:absolute after:inset-0 focus:outline-none">
            {patientName(item.patient)}
          </Link>
          <span className="text-sm text-slate-600">MRN {item.patient.mrn}</span>
        </div>
        <div className="mt-1 flex flex-wrap items-center gap-2">
          <StatusBadge status={item.status} />
          {item.priority && <PriorityBadge priority={item.priority} />}
        </div>
        <p className="mt-1 truncate text-sm text-slate-600">
          {sites.length ? sites.join(", ") : "No body site yet"} ·{" "}
          <time dateTime={item.submittedAt ?? item.createdAt} suppressHydrationWarning>
            {item.submittedAt ? `Submitted ${formatDate(item.submittedAt)}` : `Started ${formatDate(item.createdAt)}`}
          </time>
        </p>
      </div>
    </li>
  );
}
