import type { Metadata } from "next";
import { requirePageContext } from "@/lib/auth/page";
import { db } from "@/lib/db/client";
import { dashboardData } from "@/lib/metrics/dashboard";
import { metricsQuerySchema, resolveRange } from "@/lib/metrics/range";
import { zodFieldErrors } from "@/lib/validation";
import { HeadlineFigures } from "@/components/metrics/headline-figures";
import { RangeControls } from "@/components/metrics/range-controls";
import { EquitySection } from "@/components/metrics/equity-section";
import { BacklogSection, ClinicSlaSection, QualitySection } from "@/components/metrics/service-sections";
import { BreakdownSection, TrendSection, VolumeSection } from "@/components/metrics/turnaround-sections";

export const metadata: Metadata = { title: "Service dashboard" };
export const dynamic = "force-dynamic";

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminDashboard({ searchParams }: { searchParams: Search }) {
  const { actor } = await requirePageContext("admin");
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([k, v]) => ["from", "to", "groupBy"].includes(k) && typeof v === "string" && v));
  const parsed = metricsQuerySchema.safeParse(raw);
  const errors = parsed.success ? {} : zodFieldErrors(parsed.error);
  const q = parsed.success ? parsed.data : { ...resolveRange(), groupBy: "week" as const };
  const d = await dashboardData(db, actor, q, q.groupBy);
  const csvHref = `/api/v1/metrics/turnaround.csv?from=${q.fromDay}&to=${q.toDay}&groupBy=${q.groupBy}`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Service dashboard</h1>
        <p className="text-sm text-slate-600">
          {q.fromDay} to {q.toDay} (UTC)
        </p>
      </div>
      {!parsed.success && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          The range could not be used, so the last 12 weeks are shown. Correct the fields marked below.
        </p>
      )}
      <RangeControls from={raw.from && !errors.from ? String(raw.from) : q.fromDay} to={raw.to && !errors.to ? String(raw.to) : q.toDay} groupBy={q.groupBy} errors={errors} />
      <HeadlineFigures d={d} />
      <div className="grid gap-6 lg:grid-cols-2">
        <VolumeSection d={d} />
        <BacklogSection d={d} />
      </div>
      <TrendSection d={d} />
      <ClinicSlaSection d={d} />
      <BreakdownSection d={d} csvHref={csvHref} />
      <QualitySection d={d} />
      <EquitySection d={d} />
    </div>
  );
}
