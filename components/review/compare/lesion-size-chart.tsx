"use client";
/**
 * The lesion's size over time in Compare (SPEC §15): longest diameter (mm, left axis, solid line,
 * round markers) and area (mm², right axis, dashed line, square markers) per photo, from the
 * server's figures (a saved manual measurement, else the automatic one). A photo without a scale
 * is a gap in the lines and says "no scale" in the table beneath, which carries the same numbers
 * for screen readers and keyboard users; the chart itself is an image labelled by its summary.
 */
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { LesionTimelineEntry } from "@/lib/lesions/timeline";
import { formatDate } from "@/components/cases/format";
import { DataTable, type Column } from "@/components/metrics/chart-card";
import { EmptyChart, INK, axisProps } from "@/components/metrics/chart-kit";
import { ScrollRegion } from "@/components/ui/scroll-region";

const SOURCE = { manual: "saved measurement", auto: "automatic" } as const;
const mm = (v: number | null, unit: string) => (v === null ? "—" : `${v.toFixed(1)} ${unit}`);

/** Where the figures come from: one word when both agree, else each named. */
function sourceText(f: LesionTimelineEntry["figures"]): string {
  if (!f.scaled) return "no calibration sticker";
  const d = f.diameterSource ? SOURCE[f.diameterSource] : "not measured";
  const a = f.areaSource ? SOURCE[f.areaSource] : "not measured";
  return d === a ? d : `diameter ${d}, area ${a}`;
}

/** One sentence for assistive technology: first and last measured diameter. */
function summary(entries: LesionTimelineEntry[]): string {
  const measured = entries.filter((e) => e.figures.longestDiameterMm !== null);
  const unscaled = entries.filter((e) => !e.figures.scaled).length;
  const tail = unscaled ? ` ${unscaled} photo${unscaled === 1 ? " has" : "s have"} no scale and no size.` : "";
  if (measured.length === 0) return `No photo of this lesion has a size yet.${tail}`;
  const a = measured[0]!, b = measured[measured.length - 1]!;
  if (a === b) return `Longest diameter ${mm(a.figures.longestDiameterMm, "mm")} on ${formatDate(a.photo.createdAt)}; only one measured photo.${tail}`;
  return `Longest diameter ${mm(a.figures.longestDiameterMm, "mm")} on ${formatDate(a.photo.createdAt)} and ${mm(b.figures.longestDiameterMm, "mm")} on ${formatDate(b.photo.createdAt)}, over ${measured.length} measured photos.${tail}`;
}

export function LesionSizeChart({ entries, currentCaseId }: { entries: LesionTimelineEntry[]; currentCaseId: string }) {
  const data = entries.map((e, i) => ({ key: `${i + 1}. ${formatDate(e.photo.createdAt)}`, diameter: e.figures.longestDiameterMm, area: e.figures.areaMm2 }));
  const columns: Column<LesionTimelineEntry>[] = [
    { header: "Uploaded", cell: (e) => formatDate(e.photo.createdAt) },
    { header: "Referral", cell: (e) => `${e.referral.submittedAt ? formatDate(e.referral.submittedAt) : "not sent"}${e.referral.caseId === currentCaseId ? " (this one)" : ""}` },
    { header: "Longest diameter", numeric: true, cell: (e) => (e.figures.scaled ? mm(e.figures.longestDiameterMm, "mm") : "no scale") },
    { header: "Area", numeric: true, cell: (e) => (e.figures.scaled ? mm(e.figures.areaMm2, "mm²") : "no scale") },
    { header: "From", cell: (e) => sourceText(e.figures) },
  ];
  const text = summary(entries);
  return (
    <section aria-labelledby="lesion-size-title" className="space-y-2">
      <h3 id="lesion-size-title" className="text-sm font-semibold">
        Size over time
      </h3>
      {data.some((d) => d.diameter !== null) ? (
        <figure>
          <div role="img" aria-label={text}>
            <ResponsiveContainer width="100%" height={180}>
              <LineChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" stroke={INK.grid} />
                <XAxis dataKey="key" {...axisProps} />
                <YAxis yAxisId="mm" unit=" mm" {...axisProps} width={68} />
                <YAxis yAxisId="area" orientation="right" unit=" mm²" {...axisProps} width={76} />
                <Tooltip formatter={(v) => (typeof v === "number" ? v.toFixed(1) : "no scale")} />
                <Legend itemSorter={(item) => (item.dataKey === "diameter" ? 0 : 1)} />
                <Line yAxisId="mm" dataKey="diameter" name="Longest diameter, mm (solid, circles)" stroke={INK.primary} strokeWidth={2} dot={{ r: 4 }} isAnimationActive={false} />
                <Line
                  yAxisId="area"
                  dataKey="area"
                  name="Area, mm² (dashed, squares)"
                  stroke={INK.tertiary}
                  strokeWidth={2}
                  strokeDasharray="6 4"
                  dot={(p: { cx?: number; cy?: number; index?: number; value?: number | null }) =>
                    p.value === null || p.value === undefined ? <g key={p.index} /> : <rect key={p.index} x={(p.cx ?? 0) - 4} y={(p.cy ?? 0) - 4} width={8} height={8} fill={INK.tertiary} />
                  }
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
          </div>
          <figcaption className="sr-only">{text}</figcaption>
        </figure>
      ) : (
        <EmptyChart message={`${text} Add a calibration sticker beside the lesion for the next close-up, or measure a photo that has one.`} />
      )}
      <ScrollRegion label="Size over time: table">
        <DataTable caption="Size of the lesion on each photo" columns={columns} rows={entries} rowKey={(e) => e.photo.id} />
      </ScrollRegion>
    </section>
  );
}
