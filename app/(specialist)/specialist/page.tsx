import type { Metadata } from "next";
import Link from "next/link";
import { requirePageContext } from "@/lib/auth/page";
import { caseCountsByStatus } from "@/lib/cases/summary";
import { db } from "@/lib/db/client";
import { listQueue, queueClinics, queueQuerySchema } from "@/lib/reviews/queue";
import { getSlaSettings } from "@/lib/sla/settings";
import { StatusSummary } from "@/components/layout/status-summary";
import { QueueFilters } from "@/components/review/queue-filters";
import { QueueList } from "@/components/review/queue-list";
import { QueueShortcuts } from "@/components/review/queue-shortcuts";

export const metadata: Metadata = { title: "Queue" };

type Search = Record<string, string | string[] | undefined>;

export default async function SpecialistQueue({ searchParams }: { searchParams: Promise<Search> }) {
  const ctx = await requirePageContext("specialist");
  const raw = await searchParams;
  const picked = Object.fromEntries(
    ["priority", "clinicId", "cursor"].flatMap((k) => (typeof raw[k] === "string" && raw[k] !== "" ? [[k, raw[k]]] : [])),
  );
  const parsed = queueQuerySchema.safeParse(picked);
  const query = parsed.success ? parsed.data : queueQuerySchema.parse({});
  const [counts, clinics, sla, page] = await Promise.all([
    caseCountsByStatus(db, ctx.actor),
    queueClinics(db),
    getSlaSettings(db),
    listQueue(ctx, query).catch(() => listQueue(ctx, { ...query, cursor: undefined })),
  ]);
  // eslint-disable-next-line react-hooks/purity -- a server render's clock; the countdown ticks on from it
  const now = Date.now();
  const keep = (extra: Record<string, string>) =>
    `/specialist?${new URLSearchParams({ ...(query.priority ? { priority: query.priority } : {}), ...(query.clinicId ? { clinicId: query.clinicId } : {}), ...extra })}`;
  return (
    <div className="space-y-6">
      <QueueShortcuts />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Referral queue</h1>
        <Link href="/specialist/review?start=1" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Start batch review <kbd className="ml-1 rounded bg-brand-700 px-1 text-xs">b</kbd>
        </Link>
      </div>
      <StatusSummary counts={counts} statuses={["triaged", "in_review", "awaiting_info", "answered"]} />
      <QueueFilters clinics={clinics} priority={query.priority} clinicId={query.clinicId} />
      {!parsed.success && (
        <p role="alert" className="text-sm text-red-700">
          Some filters were not understood and were ignored.
        </p>
      )}
      {page.items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">
          {query.cursor ? "No more referrals on this page." : "Nothing is waiting in the queue. Triaged referrals appear here as they arrive."}
        </p>
      ) : (
        <QueueList items={page.items} now={now} atRiskFraction={sla.atRiskFraction} />
      )}
      <nav aria-label="Queue pages" className="flex gap-3">
        {query.cursor && (
          <Link href={keep({})} className="text-sm font-medium text-brand-700 underline">
            First page
          </Link>
        )}
        {page.nextCursor && (
          <Link href={keep({ cursor: page.nextCursor })} className="text-sm font-medium text-brand-700 underline">
            Next page
          </Link>
        )}
      </nav>
    </div>
  );
}
