"use client";
/**
 * Equity by skin type: for each Fitzpatrick type, the share of photos flagged, the share
 * unreadable and the share of cases within SLA, side by side (solid, hatched, dotted bars, each
 * labelled with its value; 0 % is a hairline with its label, no data is no bar), so a type served
 * worse than the others stands out.
 */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartPatterns, EmptyChart, INK, axisProps, fills } from "./chart-kit";

const SERIES = ["flagged", "rejected", "sla"];

export type EquityPoint = { type: string; flagged: number | null; rejected: number | null; sla: number | null };

export function EquityChart({ data }: { data: EquityPoint[] }) {
  if (data.every((d) => d.flagged === null && d.rejected === null && d.sla === null)) {
    return <EmptyChart message="No photos or SLA outcomes in this range. Widen the dates to compare skin types." />;
  }
  const f = fills("eq");
  const label = { position: "top" as const, fontSize: 11, formatter: (v: unknown) => (v === null || v === undefined ? "" : `${v}%`) };
  return (
    <ResponsiveContainer width="100%" height={300}>
      <BarChart data={data} margin={{ top: 18, right: 8, bottom: 4, left: 0 }}>
        <ChartPatterns id="eq" />
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="type" {...axisProps} />
        <YAxis domain={[0, 100]} unit="%" {...axisProps} width={48} />
        <Tooltip formatter={(v) => (v === null ? "—" : `${v}%`)} />
        <Legend itemSorter={(item) => SERIES.indexOf(String(item.dataKey))} />
        <Bar dataKey="flagged" name="Photos flagged (solid)" fill={f[0]} stroke={INK.primary} isAnimationActive={false} minPointSize={(v) => (v === 0 ? 2 : 0)} label={label} />
        <Bar dataKey="rejected" name="Photos unreadable (hatched)" fill={f[1]} stroke={INK.secondary} isAnimationActive={false} minPointSize={(v) => (v === 0 ? 2 : 0)} label={label} />
        <Bar dataKey="sla" name="Cases within SLA (dotted)" fill={f[2]} stroke={INK.tertiary} isAnimationActive={false} minPointSize={(v) => (v === 0 ? 2 : 0)} label={label} />
      </BarChart>
    </ResponsiveContainer>
  );
}
