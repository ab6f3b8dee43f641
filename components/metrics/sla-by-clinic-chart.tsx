"use client";
/** SLA compliance by clinic: one horizontal bar per clinic with its percentage written on it. */
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { EmptyChart, INK, axisProps } from "./chart-kit";

export type ClinicSla = { clinic: string; pct: number | null; decided: number };

export function SlaByClinicChart({ data }: { data: ClinicSla[] }) {
  const plotted = data.filter((d) => d.pct !== null);
  if (plotted.length === 0) return <EmptyChart message="No case in this range has an SLA outcome yet (answered, or open past its deadline)." />;
  return (
    <ResponsiveContainer width="100%" height={Math.max(120, 48 * plotted.length + 40)}>
      <BarChart data={plotted} layout="vertical" margin={{ top: 8, right: 48, bottom: 4, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" domain={[0, 100]} unit="%" {...axisProps} />
        <YAxis type="category" dataKey="clinic" width={140} {...axisProps} />
        <Tooltip formatter={(v) => `${v}%`} />
        <Bar dataKey="pct" name="Within SLA" fill={INK.primary} isAnimationActive={false}>
          <LabelList dataKey="pct" position="right" formatter={(v) => `${v}%`} fontSize={12} fill="#0f172a" />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
