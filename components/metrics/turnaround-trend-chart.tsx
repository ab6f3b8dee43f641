"use client";
/**
 * Turnaround trend: weekly median (solid line, round markers) and 90th percentile (dashed line,
 * square markers) against the SLA windows of each priority (dotted reference lines, labelled).
 */
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { EmptyChart, INK, axisProps } from "./chart-kit";

export type TrendPoint = { week: string; median: number | null; p90: number | null };

function Square(props: { cx?: number; cy?: number }) {
  if (props.cx === undefined || props.cy === undefined) return null;
  return <rect x={props.cx - 4} y={props.cy - 4} width={8} height={8} fill={INK.tertiary} />;
}

export function TurnaroundTrendChart({ data, slaHours }: { data: TrendPoint[]; slaHours: { label: string; hours: number }[] }) {
  if (!data.some((d) => d.median !== null)) return <EmptyChart message="No answered cases in this range yet, so there is no turnaround to plot." />;
  const top = Math.max(...data.map((d) => d.p90 ?? 0), ...slaHours.map((s) => s.hours));
  return (
    <ResponsiveContainer width="100%" height={280}>
      <LineChart data={data} margin={{ top: 16, right: 96, bottom: 4, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="week" {...axisProps} />
        <YAxis {...axisProps} width={48} domain={[0, Math.ceil(top * 1.1)]} label={{ value: "hours", angle: -90, position: "insideLeft", fill: "#334155", fontSize: 12 }} />
        <Tooltip formatter={(v) => `${Number(v).toFixed(1)} h`} />
        <Legend />
        {slaHours.map((s) => (
          <ReferenceLine key={s.label} y={s.hours} stroke="#64748b" strokeDasharray="2 4" label={{ value: `${s.label} SLA ${s.hours} h`, position: "right", fontSize: 11, fill: "#334155" }} />
        ))}
        <Line type="linear" dataKey="median" name="Median (solid, circles)" stroke={INK.primary} strokeWidth={2.5} dot={{ r: 4, fill: INK.primary }} connectNulls isAnimationActive={false} />
        <Line type="linear" dataKey="p90" name="90th percentile (dashed, squares)" stroke={INK.tertiary} strokeWidth={2} strokeDasharray="6 4" dot={<Square />} connectNulls isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
