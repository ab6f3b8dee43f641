/**
 * The queue as a list of cards (a table would not fit a phone): priority, live SLA, waiting time,
 * clinic, body sites, thumbnail and the triage reasons that put the case where it is.
 */
import { bodySiteLabel } from "@/lib/codes/body-sites";
import type { QueueItem } from "@/lib/reviews/queue";
import { ClaimButton } from "./claim-button";
import { PriorityBadge } from "@/components/cases/status-badges";
import { SlaCountdown } from "./sla-countdown";
import { TriageReasons } from "@/components/cases/triage-reasons";
import { formatDuration } from "@/components/cases/format";
import { ageInYears } from "@/lib/triage/age";

export function QueueList({ items, now, atRiskFraction }: { items: QueueItem[]; now: number; atRiskFraction: number }) {
  return (
    <ol className="space-y-3" aria-label="Queued referrals">
      {items.map((item) => (
        <li key={item.id} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid="queue-item" data-case-id={item.id}>
          <article className="grid grid-cols-[72px_1fr] gap-3 sm:grid-cols-[88px_1fr_auto]" aria-label={`${item.priority} referral from ${item.clinicName}`}>
            <div className="row-span-2 h-[72px] w-[72px] overflow-hidden rounded bg-slate-100 sm:h-[88px] sm:w-[88px]">
              {item.thumbnailPhotoId ? (
                // eslint-disable-next-line @next/next/no-img-element -- authorized, no-store PHI image: next/image would cache it
                <img
                  src={`/api/v1/photos/${item.thumbnailPhotoId}/image?variant=thumb`}
                  alt={`Photo 1 of ${item.photoCount}`}
                  className="h-full w-full object-cover"
                  loading="lazy"
                />
              ) : (
                <span className="flex h-full items-center justify-center text-xs text-slate-500">No photo</span>
              )}
            </div>
            <div className="min-w-0 space-y-1">
              <div className="flex flex-wrap items-center gap-2">
                <PriorityBadge priority={item.priority} wording="short" />
                <SlaCountdown dueAt={item.slaDueAt} submittedAt={item.submittedAt} now={now} atRiskFraction={atRiskFraction} />
                <span className="text-xs text-slate-600">Waiting {formatDuration(now - Date.parse(item.submittedAt))}</span>
              </div>
              <p className="text-sm">
                <span className="font-medium">{item.clinicName}</span>
                <span className="text-slate-600">
                  {" "}
                  · {ageInYears(item.patientBirthDate, new Date(now))} y {item.patientSex} · {item.bodySites.map((c) => bodySiteLabel(c) ?? c).join(", ") || "no site"}
                </span>
              </p>
              {item.triageReasons.length > 0 && (
                <TriageReasons reasons={item.triageReasons} />
              )}
            </div>
            <div className="col-start-2 sm:col-start-3 sm:row-start-1 sm:self-center">
              <ClaimButton caseId={item.id} />
            </div>
          </article>
        </li>
      ))}
    </ol>
  );
}
